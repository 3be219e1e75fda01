import { evaluatePlan, parsePlan } from '@dataplan/plugin-data-plan-common';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { largePlan } from './__testUtils__/largePlan';

const exec = promisify(execFile);
const repo = resolve(__dirname, '../../..');
const sample = join(repo, 'examples/data-projects/sales-orders/PLAN.md');

/** Runs in the consumer with plain Node: the pool from the installed, built package. */
const probe = `
const { dirname, join } = require('node:path');
const { readFileSync } = require('node:fs');
const [sample, large] = process.argv.slice(2);
const home = dirname(require.resolve('@dataplan/plugin-data-plan-backend/package.json'));
const { WorkerPlanParser } = require(join(home, 'dist/service/parsing/WorkerPlanParser.cjs.js'));
(async () => {
  const parser = WorkerPlanParser.create({ maxThreads: 1 });
  const result = await parser.parse(readFileSync(sample, 'utf8'));
  const timeout = await parser
    .parse(readFileSync(large, 'utf8'), { timeoutMs: 1 })
    .catch(e => e.message);
  const after = await parser.parse(readFileSync(sample, 'utf8'));
  await parser.close();
  console.log(JSON.stringify({
    home,
    worker: require.resolve('@dataplan/plugin-data-plan-backend/parseWorker'),
    feature: require('@dataplan/plugin-data-plan-backend').default.$$type,
    result,
    timeout,
    recovered: after.plan.metadata.status,
  }));
})();
`;

// Production backends run the built package: the worker module must be in it as built
// JavaScript and resolve through the package's exports, with no TypeScript transform.
describe('the packed @dataplan/plugin-data-plan-backend', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'data-plan-backend-pack-'));
  });
  // Removing an installed node_modules tree takes a while on a busy machine.
  afterAll(() => rm(scratch, { recursive: true, force: true }), 120_000);

  it('installs from its tarball outside the repository and parses plans in its worker pool', async () => {
    // Built and packed as published, one packing at a time across the repository's tests.
    const packed = await exec(
      'node',
      [
        '-r',
        '@backstage/cli/config/nodeTransform.cjs',
        'scripts/lib/pack-packages.ts',
        '--out',
        scratch,
        'plugins/data-plan-common',
        'plugins/data-plan-node',
        'plugins/data-plan-backend',
      ],
      { cwd: repo },
    );
    const tarballs = Object.values<string>(JSON.parse(packed.stdout));

    const consumer = join(scratch, 'consumer');
    await mkdir(consumer);
    await writeFile(
      join(consumer, 'package.json'),
      '{ "name": "consumer", "private": true }\n',
    );
    // The dependencies come from the registry: retry a dropped connection.
    await exec(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--fetch-retries=4',
        '--fetch-timeout=120000',
        ...tarballs,
      ],
      { cwd: consumer },
    );
    const large = join(scratch, 'large.md');
    await writeFile(large, largePlan());
    await writeFile(join(consumer, 'probe.js'), probe);

    const { stdout } = await exec('node', ['probe.js', sample, large], {
      cwd: consumer,
    });
    const out = JSON.parse(stdout);
    expect(out.home).toBe(
      join(consumer, 'node_modules/@dataplan/plugin-data-plan-backend'),
    );
    expect(out.worker).toBe(join(out.home, 'dist/parseWorker.cjs.js'));
    expect(out.feature).toBe('@backstage/BackendFeature');
    const plan = parsePlan(await readFile(sample, 'utf8'));
    expect(out.result).toEqual({
      ...JSON.parse(JSON.stringify({ plan, evaluation: evaluatePlan(plan) })),
      // How long the worker took, which the custom rules' budget is measured against.
      elapsedMs: expect.any(Number),
    });
    expect(out.timeout).toBe(
      'parse-timeout: Parsing the plan took longer than 1 ms',
    );
    expect(out.recovered).toBe('IN_PROGRESS');
  }, 600_000);
});
