import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { EXIT_USAGE, runCli } from './runCli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('runCli', () => {
  it('prints its version', async () => {
    const c = capture();
    await expect(runCli(['--version'], c.io)).resolves.toBe(0);
    expect(c.out().trim()).toBe(require('../package.json').version);
  });

  it('prints usage with --help', async () => {
    const c = capture();
    await expect(runCli(['--help'], c.io)).resolves.toBe(0);
    expect(c.out()).toMatch(/^Usage: data-plan/);
  });

  it('exits 2 with an error on arguments it does not take', async () => {
    const c = capture();
    await expect(runCli(['frobnicate'], c.io)).resolves.toBe(EXIT_USAGE);
    expect(c.err()).toMatch(/^error: (unknown command|too many arguments)/);
  });

  it('exits 2 on an unknown option', async () => {
    const c = capture();
    await expect(runCli(['--frobnicate'], c.io)).resolves.toBe(EXIT_USAGE);
    expect(c.err()).toMatch(/unknown option '--frobnicate'/);
  });
});

describe('bin/data-plan', () => {
  it('runs from the sources without a build step', async () => {
    const bin = resolve(__dirname, '../bin/data-plan');
    const { stdout } = await promisify(execFile)(process.execPath, [
      bin,
      '--version',
    ]);
    expect(stdout.trim()).toBe(require('../package.json').version);
  }, 60_000);
});
