/**
 * The bench backend (benchBackend.ts) in its own process, so that the load generator does
 * not share its thread: started on its own databases, signed in to, its scheduled tasks
 * triggered and their log entries collected, and its databases dropped when it stops.
 */
import knexFactory, { Knex } from 'knex';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { ADMIN_USER, CycleStats } from './benchModules';
import { ScmCounts, ScmManifest } from './benchScm';
import { freePort } from './freePort';

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export interface BenchBackend {
  baseUrl: string;
  /** A database of a plugin of the backend, e.g. `data-plan`. */
  pluginDatabase(pluginId: string): Knex;
  token(user: string): Promise<string>;
  get(user: string, path: string): Promise<Response>;
  /** Runs a scheduled task of the data-plan plugin now, once the last run has ended. */
  trigger(taskId: string): Promise<void>;
  /** Runs a refresh cycle and returns its statistics. */
  refreshCycle(): Promise<CycleStats>;
  /** Runs a repository check pass and returns its statistics. */
  checkCycle(): Promise<CycleStats>;
  /** The counting host's counters so far (a backend started with `scm` only). */
  scmCounts(): Promise<ScmCounts>;
  /** The prefix of its databases. */
  prefix: string;
  /** Stops the backend and drops its databases, unless `keepDatabases`. */
  stop(options?: { keepDatabases?: boolean }): Promise<void>;
}

/** Waits until the catalog serves `count` data projects. */
export async function waitForCatalog(backend: BenchBackend, count: number) {
  const started = Date.now();
  for (;;) {
    const res = await backend.get(
      ADMIN_USER,
      '/api/catalog/entities/by-query?filter=kind=component,spec.type=data-project&limit=1',
    );
    const { totalItems } = await res.json();
    if (totalItems >= count) break;
    await sleep(1000);
  }
  console.log(
    `  catalog holds ${count} entities after ${Date.now() - started} ms`,
  );
}

/**
 * Starts the bench backend with `dataPlan` (merged into the bench's config) and
 * `entities`, on databases of its own under `postgres`; with `scm`, reading every URL from
 * the bench's counting host.
 */
export async function startBenchBackend(options: {
  root: string;
  postgres: string;
  dataPlan: Record<string, unknown>;
  entities: Entity[];
  scm?: ScmManifest;
  name: string;
  /** The databases of a backend stopped with `keepDatabases`: its state carried on. */
  prefix?: string;
}): Promise<BenchBackend> {
  const { root, postgres, name } = options;
  const prefix = options.prefix ?? `dataplan_bench_${Date.now().toString(36)}_`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configPath = join(root, `${name}-app-config.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        database: { client: 'pg', connection: postgres, prefix },
      },
      auth: { providers: { bench: {} } },
      permission: { enabled: true },
      catalog: { rules: [{ allow: ['Component'] }] },
      dataPlan: options.dataPlan,
    }),
  );
  const entitiesPath = join(root, `${name}-entities.json`);
  writeFileSync(entitiesPath, JSON.stringify(options.entities));
  const scmPath = join(root, `${name}-scm.json`);
  if (options.scm) writeFileSync(scmPath, JSON.stringify(options.scm));

  const cycles: CycleStats[] = [];
  const checks: CycleStats[] = [];
  const counts: ScmCounts[] = [];
  const backend = spawn(
    process.execPath,
    [
      // BENCH_PROFILE=<dir>: a CPU profile of the backend, written when it stops.
      ...(process.env.BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : []),
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(__dirname, 'benchBackend.ts'),
      configPath,
      entitiesPath,
      ...(options.scm ? [scmPath] : []),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  const exited = once(backend, 'exit');
  let buffered = '';
  let ready = false;
  backend.stdout!.on('data', chunk => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') ready = true;
      else if (line.startsWith('cycle '))
        cycles.push({ ...JSON.parse(line.slice(6)), endedAt: Date.now() });
      else if (line.startsWith('check '))
        checks.push({ ...JSON.parse(line.slice(6)), endedAt: Date.now() });
      else if (line.startsWith('counts '))
        counts.push(JSON.parse(line.slice(7)));
    }
  });

  const databases: Knex[] = [];
  async function stop(stopOptions: { keepDatabases?: boolean } = {}) {
    await Promise.all(databases.map(db => db.destroy()));
    databases.length = 0;
    if (backend.exitCode === null) {
      backend.kill('SIGTERM');
      await exited;
    }
    if (stopOptions.keepDatabases) return;
    const admin = knexFactory({ client: 'pg', connection: postgres });
    try {
      const { rows } = await admin.raw(
        'SELECT datname FROM pg_database WHERE datname LIKE ?',
        [`${prefix}%`],
      );
      for (const { datname } of rows) {
        await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
      }
    } finally {
      await admin.destroy();
    }
  }

  try {
    while (!ready) {
      if (backend.exitCode !== null)
        throw new Error('The bench backend exited');
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const tokens = new Map<string, string>();
  async function token(user: string): Promise<string> {
    const cached = tokens.get(user);
    if (cached) return cached;
    const res = await fetch(`${baseUrl}/api/auth/bench/refresh`, {
      headers: { 'x-bench-user': user, 'X-Requested-With': 'XMLHttpRequest' },
    });
    if (!res.ok)
      throw new Error(`sign-in of ${user}: ${res.status} ${await res.text()}`);
    const body = await res.json();
    tokens.set(user, body.backstageIdentity.token);
    return body.backstageIdentity.token;
  }
  async function get(user: string, path: string) {
    const res = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${await token(user)}` },
    });
    if (!res.ok)
      throw new Error(
        `GET ${path} as ${user}: ${res.status} ${await res.text()}`,
      );
    return res;
  }
  async function trigger(taskId: string) {
    const post = async () =>
      fetch(
        `${baseUrl}/api/data-plan/.backstage/scheduler/v1/tasks/${taskId}/trigger`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${await token(ADMIN_USER)}` },
        },
      );
    let res = await post();
    // The last run has logged its end, and its task is about to end: until then, busy.
    while (res.status === 409) {
      await sleep(100);
      res = await post();
    }
    if (!res.ok) throw new Error(`trigger: ${res.status} ${await res.text()}`);
  }
  async function run(taskId: string, entries: CycleStats[]) {
    const before = entries.length;
    await trigger(taskId);
    while (entries.length === before) await sleep(100);
    return entries[before];
  }

  return {
    baseUrl,
    pluginDatabase(pluginId) {
      const url = new URL(postgres);
      url.pathname = `/${prefix}${pluginId}`;
      const db = knexFactory({ client: 'pg', connection: url.toString() });
      databases.push(db);
      return db;
    },
    token,
    get,
    trigger,
    refreshCycle: () => run('data-plan-refresh', cycles),
    checkCycle: () => run('data-plan-repository-check', checks),
    async scmCounts() {
      if (!options.scm) throw new Error('The backend has no counting host');
      const before = counts.length;
      backend.stdin!.write('counts\n');
      while (counts.length === before) await sleep(20);
      return counts[before];
    },
    prefix,
    stop,
  };
}
