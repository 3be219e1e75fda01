import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const repo = resolve(__dirname, '../../..');
const sample = join(repo, 'examples/data-projects/sales-orders/PLAN.md');

// Generated data projects run `npx @dataplan/cli` from the registry: the packed CLI (with
// the common package it depends on) must install and run outside this monorepo. The
// packing script builds what the packages need first, so this passes on a fresh clone.
describe('the packed @dataplan/cli', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'data-plan-pack-'));
  });
  // Removing an installed node_modules tree takes a while on a busy machine.
  afterAll(() => rm(scratch, { recursive: true, force: true }), 120_000);

  it('installs from its tarball into an empty folder and runs', async () => {
    const packed = await exec(
      process.execPath,
      [
        '-r',
        '@backstage/cli/config/nodeTransform.cjs',
        'scripts/lib/pack-packages.ts',
        '--out',
        scratch,
        'plugins/data-plan-common',
        'packages/cli',
      ],
      { cwd: repo },
    );
    const tarballs: Record<string, string> = JSON.parse(packed.stdout);
    const consumer = join(scratch, 'consumer');
    await mkdir(consumer);
    await writeFile(
      join(consumer, 'package.json'),
      '{ "name": "consumer", "private": true }\n',
    );
    await exec(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        tarballs['@dataplan/cli'],
        tarballs['@dataplan/plugin-data-plan-common'],
      ],
      { cwd: consumer },
    );

    const bin = join(consumer, 'node_modules/.bin/data-plan');
    const version = await exec(bin, ['--version'], { cwd: consumer });
    expect(version.stdout.trim()).toBe(require('../package.json').version);
    const order = await exec(bin, ['order', sample], { cwd: consumer });
    expect(order.stdout.split('\n')[0]).toBe('SALES_DB.RAW.CUSTOMERS_RAW');
    // `check` reads SQL with the AST reader, from the common package's sql-parser entry.
    const checked = await exec(bin, ['check', join(sample, '..')], {
      cwd: consumer,
    });
    expect(checked.stdout).toMatch(
      /sql-unused-dependency SALES_DB\.TRANSFORM\.REFRESH_ORDERS_TASK lists ORDERS_CLEAN/,
    );
    const missing = await exec(bin, ['lint', 'nope.md'], {
      cwd: consumer,
    }).catch(e => e);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('data-plan: nope.md: no such file\n');
  }, 300_000);
});
