import { evaluatePlan, parsePlan } from '@dataplan/plugin-data-plan-common';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

/**
 * A package as `yarn pack` would publish it, without running its prepack in the repository:
 * the CLI's packaging test packs data-plan-common too, and two prepacks at once would
 * leave the rewritten package.json behind.
 */
async function packWithoutPrepack(dir: string, out: string) {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const copy = await mkdtemp(join(tmpdir(), 'data-plan-copy-'));
  await cp(join(dir, 'dist'), join(copy, 'dist'), { recursive: true });
  const { publishConfig, scripts: _s, devDependencies: _d, ...published } = pkg;
  await writeFile(
    join(copy, 'package.json'),
    JSON.stringify({ ...published, ...publishConfig }, null, 2),
  );
  const { stdout } = await exec(
    'npm',
    ['pack', '--ignore-scripts', '--pack-destination', out],
    { cwd: copy },
  );
  await rm(copy, { recursive: true, force: true });
  return join(out, stdout.trim().split('\n').pop()!);
}

// Production backends run the built package: the worker module must be in it as built
// JavaScript and resolve through the package's exports, with no TypeScript transform.
describe('the packed @dataplan/plugin-data-plan-backend', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'data-plan-backend-pack-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('installs from its tarball outside the repository and parses plans in its worker pool', async () => {
    // The package build rolls up declarations that only the type-check writes.
    if (
      !existsSync(
        join(
          repo,
          'dist-types/plugins/data-plan-backend/src/service/parsing/parseWorker.d.ts',
        ),
      )
    ) {
      await exec('yarn', ['tsc'], { cwd: repo });
    }
    const tarballs = [];
    for (const name of ['data-plan-node', 'data-plan-backend']) {
      const cwd = join(repo, 'plugins', name);
      await exec('yarn', ['build'], { cwd });
      const out = join(scratch, `${name}.tgz`);
      await exec('yarn', ['pack', '--out', out], { cwd });
      tarballs.push(out);
    }
    const common = join(repo, 'plugins/data-plan-common');
    await exec('yarn', ['build'], { cwd: common });
    tarballs.push(await packWithoutPrepack(common, scratch));

    const consumer = join(scratch, 'consumer');
    await mkdir(consumer);
    await writeFile(
      join(consumer, 'package.json'),
      '{ "name": "consumer", "private": true }\n',
    );
    await exec('npm', ['install', '--no-audit', '--no-fund', ...tarballs], {
      cwd: consumer,
    });
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
    expect(out.result).toEqual(
      JSON.parse(JSON.stringify({ plan, evaluation: evaluatePlan(plan) })),
    );
    expect(out.timeout).toBe(
      'parse-timeout: Parsing the plan took longer than 1 ms',
    );
    expect(out.recovered).toBe('IN_PROGRESS');
  }, 600_000);
});
