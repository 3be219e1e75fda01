import { Entity } from '@backstage/catalog-model';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { freePort } from './__testUtils__/freePort';

// Two backend processes on one database, each with backend-defaults' real scheduler: the
// global refresh task must run on one replica per cycle, so each plan is read and parsed
// once per change, not once per replica, and its owners are told of the change once, by the
// notifications backend of either replica. On PostgreSQL when the connection string is given
// (CI gives it, and testDatabases.test.ts asserts so), and on a shared SQLite file always.
const connection =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

const PROJECTS = 12;
const FREQUENCY_MS = 2000;
const samplePlan = readFileSync(
  resolve(
    __dirname,
    '../../../examples/data-projects/inventory-forecast/PLAN.md',
  ),
  'utf8',
);

interface CycleLog {
  replica: string;
  startedAt: number;
  finishedAt: number;
  projects: number;
  parses: number;
  writes: number;
  notificationsSent: number;
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

class Replica {
  readonly cycles: CycleLog[] = [];
  readonly output: string[] = [];
  readonly #process: ChildProcess;

  constructor(
    readonly name: string,
    readonly port: number,
    configPath: string,
    entitiesPath: string,
  ) {
    this.#process = spawn(
      process.execPath,
      [
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        resolve(__dirname, '__testUtils__/replicaBackend.ts'),
        '--config',
        configPath,
      ],
      {
        // JSON log lines, one per event.
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATA_PLAN_REPLICA_ENTITIES: entitiesPath,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let buffered = '';
    this.#process.stdout!.on('data', chunk => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) this.#onLine(line);
    });
    this.#process.stderr!.on('data', chunk =>
      this.output.push(chunk.toString()),
    );
  }

  #onLine(line: string) {
    this.output.push(line);
    let entry: Record<string, any>;
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (entry.message !== 'Refreshed data plans') return;
    this.cycles.push({
      replica: this.name,
      startedAt: Date.parse(entry.timestamp) - entry.durationMs,
      finishedAt: Date.parse(entry.timestamp),
      projects: entry.projects,
      parses: entry.parses,
      writes: entry.writes,
      notificationsSent: entry.notificationsSent ?? 0,
    });
  }

  /** Up once its data-plan routes answer (401: they want a token). */
  async isUp(): Promise<boolean> {
    try {
      const res = await fetch(
        `http://127.0.0.1:${this.port}/api/data-plan/health`,
      );
      return res.status === 401;
    } catch {
      return false;
    }
  }

  async stop() {
    if (this.#process.exitCode !== null) return;
    const exited = once(this.#process, 'exit');
    this.#process.kill('SIGTERM');
    const timer = setTimeout(() => this.#process.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

function sum(
  cycles: CycleLog[],
  key: 'parses' | 'writes' | 'notificationsSent',
): number {
  return cycles.reduce((total, cycle) => total + cycle[key], 0);
}

interface Engine {
  /** `backend.database` of both replicas. */
  database: Record<string, unknown>;
  /** A client on a plugin's own database, once the replicas made it. */
  pluginDatabase(pluginId: string): Knex;
  cleanUp(): Promise<void>;
}

function sqliteEngine(root: string): Engine {
  const directory = join(root, 'sqlite');
  return {
    database: { client: 'better-sqlite3', connection: { directory } },
    pluginDatabase: pluginId =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(directory, `${pluginId}.sqlite`) },
        useNullAsDefault: true,
      }),
    cleanUp: async () => {},
  };
}

function postgresEngine(connectionString: string): Engine {
  const prefix = `dataplan_replicas_${Date.now().toString(36)}_`;
  return {
    database: { client: 'pg', connection: connectionString, prefix },
    pluginDatabase: pluginId => {
      // The string's own database would win over a `database` field.
      const url = new URL(connectionString);
      url.pathname = `/${prefix}${pluginId}`;
      return knexFactory({ client: 'pg', connection: url.toString() });
    },
    cleanUp: async () => {
      const admin = knexFactory({ client: 'pg', connection: connectionString });
      try {
        for (const pluginId of ['data-plan', 'notifications']) {
          await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
            `${prefix}${pluginId}`,
          ]);
        }
      } finally {
        await admin.destroy();
      }
    },
  };
}

const engines: Array<[string, (root: string) => Engine]> = [
  ['SQLITE_3', sqliteEngine],
];
if (connection) engines.push(['POSTGRES_15', () => postgresEngine(connection)]);

describe('data-plan backend on two replicas sharing one database', () => {
  const cleanUps: Array<() => Promise<void>> = [];

  // Stopping two backends and dropping their database waits for each to finish; on a busy
  // machine that takes longer than jest's default hook budget.
  afterAll(async () => {
    for (const cleanUp of cleanUps.reverse()) await cleanUp();
  }, 120_000);

  it.each(engines)(
    '%s: refreshes each plan once per cycle, on one replica at a time, and tells of a change once',
    async (_id, makeEngine) => {
      const root = mkdtempSync(join(tmpdir(), 'data-plan-replicas-'));
      cleanUps.push(async () => rmSync(root, { recursive: true, force: true }));
      const engine = makeEngine(root);
      cleanUps.push(engine.cleanUp);
      const replicas: Replica[] = [];
      cleanUps.push(async () => {
        await Promise.all(replicas.map(r => r.stop()));
      });

      const entities: Entity[] = [];
      for (let i = 0; i < PROJECTS; i++) {
        const name = `orders-${i}`;
        mkdirSync(join(root, 'projects', name), { recursive: true });
        writeFileSync(join(root, 'projects', name, 'PLAN.md'), samplePlan);
        entities.push({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name,
            namespace: 'default',
            annotations: {
              'backstage.io/managed-by-location': `file:${root}/projects/${name}/catalog-info.yaml`,
            },
          },
          spec: { type: 'data-project', owner: 'sales-analytics' },
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/sales-analytics' },
          ],
        });
      }
      // The owner group's member, whom the notifications backend tells.
      entities.push(
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'sales-analytics', namespace: 'default' },
          spec: { type: 'team', children: [], members: ['alice'] },
          relations: [{ type: 'hasMember', targetRef: 'user:default/alice' }],
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'alice', namespace: 'default' },
          spec: { memberOf: ['sales-analytics'] },
          relations: [
            { type: 'memberOf', targetRef: 'group:default/sales-analytics' },
          ],
        },
      );
      const entitiesPath = join(root, 'entities.json');
      writeFileSync(entitiesPath, JSON.stringify(entities));

      for (const name of ['a', 'b']) {
        const port = await freePort();
        const configPath = join(root, `app-config.${name}.yaml`);
        writeFileSync(
          configPath,
          JSON.stringify({
            app: { baseUrl: 'http://127.0.0.1:3000' },
            backend: {
              baseUrl: `http://127.0.0.1:${port}`,
              listen: { port, host: '127.0.0.1' },
              database: engine.database,
            },
            dataPlan: {
              rootDir: root,
              planRoots: ['projects'],
              notifications: { enabled: true },
              // Checks of the files would write results of their own, out of the cycles counted.
              repository: { enabled: false },
              refresh: {
                schedule: {
                  frequency: { milliseconds: FREQUENCY_MS },
                  timeout: { seconds: 60 },
                  initialDelay: { seconds: 1 },
                },
              },
            },
          }),
        );
        const replica = new Replica(name, port, configPath, entitiesPath);
        replicas.push(replica);
        // One at a time: two processes migrating a fresh PostgreSQL database at once race
        // on creating knex's own lock table, before either can take the lock.
        await eventually(`replica ${name} to serve`, async () =>
          (await replica.isUp()) ? true : undefined,
        ).catch(error => {
          throw new Error(`${error.message}\n${replica.output.join('\n')}`);
        });
      }
      const cycles = () =>
        replicas
          .flatMap(r => r.cycles)
          .sort((x, y) => x.startedAt - y.startedAt);

      await eventually('both replicas to serve', async () =>
        (await Promise.all(replicas.map(r => r.isUp()))).every(Boolean)
          ? true
          : undefined,
      ).catch(error => {
        throw new Error(
          `${error.message}\n${replicas
            .map(r => r.output.join('\n'))
            .join('\n')}`,
        );
      });
      await eventually('the first cycle to read every plan', () =>
        sum(cycles(), 'parses') >= PROJECTS ? true : undefined,
      );

      // Several cycles with both replicas competing for each, then a change to one plan.
      const observedFrom = Date.now();
      await new Promise(r => setTimeout(r, 5 * FREQUENCY_MS));
      writeFileSync(
        join(root, 'projects', 'orders-3', 'PLAN.md'),
        samplePlan.replace(
          '| **Status** | `DRAFT` |',
          '| **Status** | `REVIEW` |',
        ),
      );
      const changeSeenIn = await eventually('a cycle to see the change', () =>
        cycles().find(c => c.startedAt > observedFrom && c.parses > 0),
      );
      await eventually('three more cycles', () =>
        cycles().filter(c => c.startedAt > changeSeenIn.startedAt).length >= 3
          ? true
          : undefined,
      );
      await Promise.all(replicas.map(r => r.stop()));
      const observedMs = Date.now() - observedFrom;

      const all = cycles();
      // Each plan parsed once at first and the changed plan once more: a second replica
      // running the same cycle would have parsed everything twice.
      expect(sum(all, 'parses')).toBe(PROJECTS + 1);
      expect(all.every(c => c.projects === PROJECTS)).toBe(true);
      // Cycles never overlap across the replicas: each starts after the one before it
      // ended (with a 'local' task they would run side by side). The log's times are
      // whole milliseconds apart from the measured duration: a few of slack.
      for (let i = 1; i < all.length; i++) {
        expect(all[i].startedAt).toBeGreaterThanOrEqual(
          all[i - 1].finishedAt - 5,
        );
      }
      const observed = all.filter(c => c.startedAt >= observedFrom);
      expect(observed.length).toBeLessThanOrEqual(
        Math.ceil(observedMs / FREQUENCY_MS) + 1,
      );

      // The change told once in all: one cycle, on one replica, sent it.
      expect(sum(all, 'notificationsSent')).toBe(1);

      const plugin = engine.pluginDatabase('data-plan');
      const notifications = engine.pluginDatabase('notifications');
      try {
        const history: Array<{ entity_ref: string; rows: string | number }> =
          await plugin('data_plan_history')
            .select('entity_ref')
            .count({ rows: '*' })
            .groupBy('entity_ref');
        expect(history).toHaveLength(PROJECTS);
        const rowsOf = (ref: string) =>
          Number(history.find(h => h.entity_ref === ref)?.rows);
        expect(rowsOf('component:default/orders-3')).toBe(2);
        expect(rowsOf('component:default/orders-4')).toBe(1);
        const [project] = await plugin('data_plan_projects')
          .where('entity_ref', 'component:default/orders-3')
          .select('status');
        expect(project.status).toBe('REVIEW');

        const notices = await plugin('data_plan_notices').select(
          'entity_ref',
          'kind',
          'sent_at',
          'attempts',
        );
        expect(notices).toEqual([
          expect.objectContaining({
            entity_ref: 'component:default/orders-3',
            kind: 'statusChanged',
            attempts: 0,
          }),
        ]);
        expect(notices[0].sent_at).not.toBeNull();
        // What the member finds: one notification, never replaced by a second send of
        // its scope (which would set `updated`).
        const told = await notifications('notification').select(
          'user',
          'origin',
          'title',
          'scope',
          'updated',
        );
        expect(told).toEqual([
          {
            user: 'user:default/alice',
            origin: 'plugin:data-plan',
            title: 'orders-3: status DRAFT → REVIEW',
            scope: expect.stringMatching(
              /^data-plan:statusChanged:[0-9a-f]{64}$/,
            ),
            updated: null,
          },
        ]);
      } finally {
        await plugin.destroy();
        await notifications.destroy();
      }
    },
    180_000,
  );
});
