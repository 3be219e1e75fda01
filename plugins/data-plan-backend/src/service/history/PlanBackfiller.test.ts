import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { evaluatePlan, parsePlan } from '@dataplan/plugin-data-plan-common';
import git from 'isomorphic-git';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import fs, { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Knex } from 'knex';
import { PlanSource } from '../../database/DataPlanStore';
import { DatabaseDataPlanStore } from '../../database/DatabaseDataPlanStore';
import { WorkerPlanParser } from '../parsing/WorkerPlanParser';
import page1 from './__fixtures__/github-commits-page-1.json';
import page2 from './__fixtures__/github-commits-page-2.json';
import { GitPlanHistoryReader } from './GitPlanHistoryReader';
import { DefaultPlanBackfiller } from './PlanBackfiller';
import { PlanHistoryReader } from './PlanHistoryReader';
import { PlanHistoryReaders } from './PlanHistoryReaders';
import { createTestDatabases } from '../../__testUtils__/testDatabases';

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);

const SAMPLE = readFileSync(
  resolve(
    __dirname,
    '../../../../../examples/data-projects/sales-orders/PLAN.md',
  ),
  'utf8',
);

/** The sample plan at a status and version. */
function planText(status: string, version: string, tail = '') {
  return (
    SAMPLE.replace(
      '| **Status** | `IN_PROGRESS` |',
      `| **Status** | \`${status}\` |`,
    ).replace(
      '| **Plan Version** | `1.2.0` |',
      `| **Plan Version** | \`${version}\` |`,
    ) + tail
  );
}

/** 2024-01-01T00:00:00Z, the first test commit's time; each next one is an hour later. */
const START = Date.UTC(2024, 0, 1) / 1000;
const hour = (index: number) => new Date((START + index * 3600) * 1000);

const ENTITY_REF = 'component:default/orders';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', namespace: 'default' },
  spec: { type: 'data-project', owner: 'group:default/sales-analytics' },
};
const identity = { entityRef: ENTITY_REF, name: 'orders' };

/** A repository in `dir` with one commit per entry, each writing its files. */
async function repository(
  dir: string,
  commits: Array<Record<string, string>>,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  await git.init({ fs, dir, defaultBranch: 'main' });
  const shas = [];
  for (const [index, files] of commits.entries()) {
    for (const [path, text] of Object.entries(files)) {
      await writeFile(join(dir, path), text);
      await git.add({ fs, dir, filepath: path });
    }
    const who = {
      name: 'dataplan',
      email: 'dev@dataplan.local',
      timestamp: START + index * 3600,
      timezoneOffset: 0,
    };
    shas.push(
      await git.commit({
        fs,
        dir,
        message: `commit ${index}`,
        author: who,
        committer: who,
      }),
    );
  }
  return shas;
}

describe.each(databases.eachSupportedId())(
  'PlanBackfiller on %s',
  databaseId => {
    const root = createMockDirectory();
    const parser = WorkerPlanParser.create({ maxThreads: 1 });
    afterAll(() => parser.close());
    beforeEach(() => root.clear());

    const planRoot = () => root.resolve('workspace');
    const gitReader = () =>
      GitPlanHistoryReader.create({
        planRoots: [planRoot()],
        maxPlanBytes: 1024 * 1024,
      });

    async function createStore(knex?: Knex) {
      const db = knex ?? (await databases.init(databaseId));
      const store = await DatabaseDataPlanStore.create({
        database: { getClient: async () => db, migrations: { skip: false } },
      });
      return { knex: db, store };
    }

    /** The live refresh's first row, of the plan's current text, at `now`. */
    async function readLive(
      store: DatabaseDataPlanStore,
      source: PlanSource,
      text: string,
      now: Date,
    ) {
      const plan = parsePlan(text);
      await store.saveResult({
        identity,
        source,
        key: {
          contentHash: 'c'.repeat(64),
          parserVersion: 1,
          policyHash: 'p',
          policyName: 'default',
        },
        plan,
        evaluation: evaluatePlan(plan),
        now,
      });
    }

    function backfiller(
      store: DatabaseDataPlanStore,
      history: PlanHistoryReader,
      options: { now?: () => Date; retentionDays?: number } = {},
    ) {
      const logger = mockServices.logger.mock();
      return {
        logger,
        backfiller: DefaultPlanBackfiller.create({
          store,
          history,
          parser,
          catalog: catalogServiceMock({ entities: [entity] }),
          auth: mockServices.auth(),
          logger,
          now: options.now ?? (() => hour(100)),
          retentionDays: options.retentionDays,
        }),
      };
    }

    /** A repository of six commits; the live refresh first read the plan after the fifth. */
    async function gitProject() {
      const dir = join(planRoot(), 'orders');
      const shas = await repository(dir, [
        { 'PLAN.md': planText('DRAFT', '1.0.0') },
        { 'README.md': 'readme' },
        { 'PLAN.md': planText('DRAFT', '1.1.0') },
        // The same plan to the parser: no row.
        { 'PLAN.md': planText('DRAFT', '1.1.0', '\n\n') },
        { 'PLAN.md': planText('REVIEW', '1.1.0') },
        // Committed after the live refresh's first read: the live rows have it.
        { 'PLAN.md': planText('IN_PROGRESS', '1.2.0') },
      ]);
      const source: PlanSource = {
        type: 'file',
        location: join(dir, 'PLAN.md'),
        path: 'PLAN.md',
      };
      return { shas, source };
    }

    it('writes a row per commit that changed status or summary, at commit times, before the live row', async () => {
      const { knex, store } = await createStore();
      const { shas, source } = await gitProject();
      await readLive(store, source, planText('REVIEW', '1.1.0'), hour(4.5));
      const { backfiller: b } = backfiller(store, gitReader());

      const stats = await b.backfillPending();

      expect(stats).toMatchObject({
        candidates: 1,
        claimed: 1,
        done: 1,
        rows: 3,
        versions: 5,
      });
      const history = await store.getHistory(ENTITY_REF);
      expect(
        history.map(
          ({ recordedAt, status, planVersion, commit, source: s }) => ({
            recordedAt,
            status,
            planVersion,
            commit,
            source: s,
          }),
        ),
      ).toEqual([
        {
          recordedAt: hour(0).toISOString(),
          status: 'DRAFT',
          planVersion: '1.0.0',
          commit: shas[0],
          source: 'backfill',
        },
        {
          recordedAt: hour(2).toISOString(),
          status: 'DRAFT',
          planVersion: '1.1.0',
          commit: shas[2],
          source: 'backfill',
        },
        {
          recordedAt: hour(4).toISOString(),
          status: 'REVIEW',
          planVersion: '1.1.0',
          commit: shas[4],
          source: 'backfill',
        },
        {
          recordedAt: hour(4.5).toISOString(),
          status: 'REVIEW',
          planVersion: '1.1.0',
          commit: undefined,
          source: 'live',
        },
      ]);
      expect(history[0].summary).toEqual(
        expect.objectContaining({ warning_count: expect.any(Number) }),
      );
      await expect(store.getBackfillStatus(ENTITY_REF)).resolves.toEqual({
        state: 'done',
        at: hour(100).toISOString(),
      });
      const rows = await knex('data_plan_history')
        .where({ source: 'backfill' })
        .count({ n: '*' });
      expect(Number(rows[0].n)).toBe(3);
    });

    it('writes nothing new when it runs again, even after its state is forgotten', async () => {
      const { knex, store } = await createStore();
      const { source } = await gitProject();
      await readLive(store, source, planText('REVIEW', '1.1.0'), hour(4.5));
      const { backfiller: b } = backfiller(store, gitReader());
      await b.backfillPending();
      const before = await store.getHistory(ENTITY_REF);

      await expect(b.backfillPending()).resolves.toMatchObject({
        candidates: 0,
        rows: 0,
      });
      await knex('data_plan_projects').update({ backfill_state: null });
      await expect(b.backfillPending()).resolves.toMatchObject({
        candidates: 1,
        done: 1,
        rows: 0,
      });

      await expect(store.getHistory(ENTITY_REF)).resolves.toEqual(before);
    });

    it('backfills once when two backfillers on two stores over one database race', async () => {
      const { knex, store } = await createStore();
      const { store: other } = await createStore(knex);
      const { source } = await gitProject();
      await readLive(store, source, planText('REVIEW', '1.1.0'), hour(4.5));

      const results = await Promise.all([
        backfiller(store, gitReader()).backfiller.backfillPending(),
        backfiller(other, gitReader()).backfiller.backfillPending(),
      ]);

      expect(results.map(r => r.claimed).sort()).toEqual([0, 1]);
      expect(results.map(r => r.rows).sort()).toEqual([0, 3]);
      const history = await store.getHistory(ENTITY_REF);
      expect(history.filter(e => e.source === 'backfill')).toHaveLength(3);
    });

    it('takes over a stale claim only, and a backfill whose claim was taken over writes nothing', async () => {
      const { knex, store } = await createStore();
      const { source } = await gitProject();
      await readLive(store, source, planText('REVIEW', '1.1.0'), hour(4.5));
      const now = hour(100);
      const claimedAt = new Date(now.getTime() - 10 * 60_000);
      await knex('data_plan_projects').update({
        backfill_state: 'running',
        backfill_claimed_at: claimedAt,
      });

      const { backfiller: fresh } = backfiller(store, gitReader());
      await expect(fresh.backfillPending()).resolves.toMatchObject({
        candidates: 0,
      });
      await expect(store.getBackfillStatus(ENTITY_REF)).resolves.toEqual({
        state: 'running',
      });

      // 40 minutes on, the claim is stale: another backfill takes it over.
      const later = () => new Date(now.getTime() + 30 * 60_000);
      const { backfiller: takeover } = backfiller(store, gitReader(), {
        now: later,
      });
      await expect(takeover.backfillPending()).resolves.toMatchObject({
        claimed: 1,
        rows: 3,
      });
      // The first claim's backfill ends late: its claim is gone, it writes nothing.
      await expect(
        store.finishBackfill(ENTITY_REF, {
          claimedAt,
          outcome: { state: 'failed', reason: 'late' },
          now: later(),
        }),
      ).resolves.toBeUndefined();
      await expect(store.getBackfillStatus(ENTITY_REF)).resolves.toEqual({
        state: 'done',
        at: later().toISOString(),
      });
    });

    it('leaves out versions older than the retention', async () => {
      const { store } = await createStore();
      const { shas, source } = await gitProject();
      await readLive(store, source, planText('REVIEW', '1.1.0'), hour(4.5));
      // At hour 49 a two-day retention begins at hour 1.
      const { backfiller: b } = backfiller(store, gitReader(), {
        now: () => hour(49),
        retentionDays: 2,
      });

      await expect(b.backfillPending()).resolves.toMatchObject({ rows: 2 });
      const history = await store.getHistory(ENTITY_REF);
      expect(history.map(e => e.commit)).toEqual([shas[2], shas[4], undefined]);
    });

    it('records an unsupported host with the reason, and does not try it again', async () => {
      const { store } = await createStore();
      const source: PlanSource = {
        type: 'url',
        location: 'https://gitlab.example.com/acme/orders/-/blob/main/PLAN.md',
        path: 'PLAN.md',
      };
      await readLive(store, source, planText('REVIEW', '1.1.0'), hour(4.5));
      const readers = PlanHistoryReaders.fromConfig(new ConfigReader({}), {
        planRoots: [planRoot()],
        maxPlanBytes: 1024,
      });
      const { backfiller: b } = backfiller(store, readers);

      await expect(b.backfillPending()).resolves.toMatchObject({
        unsupported: 1,
        rows: 0,
      });
      await expect(store.getBackfillStatus(ENTITY_REF)).resolves.toEqual({
        state: 'unsupported',
        reason:
          "the plan's history cannot be read from gitlab.example.com: only local git repositories and GitHub are supported",
        at: hour(100).toISOString(),
      });
      await expect(b.backfillPending()).resolves.toMatchObject({
        candidates: 0,
      });
    });

    it('records a folder that is no git repository as unsupported', async () => {
      const { store } = await createStore();
      const dir = join(planRoot(), 'plain');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'PLAN.md'), planText('DRAFT', '1.0.0'));
      const source: PlanSource = {
        type: 'file',
        location: join(dir, 'PLAN.md'),
        path: 'PLAN.md',
      };
      await readLive(store, source, planText('DRAFT', '1.0.0'), hour(1));

      await backfiller(store, gitReader()).backfiller.backfillPending();

      await expect(store.getBackfillStatus(ENTITY_REF)).resolves.toMatchObject({
        state: 'unsupported',
        reason: expect.stringContaining('not in a git repository'),
      });
    });

    it('skips a project that is not read yet or gone from the catalog', async () => {
      const { knex, store } = await createStore();
      const { source } = await gitProject();
      await knex('data_plan_projects').insert({
        entity_ref: ENTITY_REF,
        name: 'orders',
      });
      const { backfiller: b } = backfiller(store, gitReader());
      await expect(b.backfillPending()).resolves.toMatchObject({
        candidates: 0,
      });

      await readLive(store, source, planText('REVIEW', '1.1.0'), hour(4.5));
      const gone = DefaultPlanBackfiller.create({
        store,
        history: gitReader(),
        parser,
        catalog: catalogServiceMock({ entities: [] }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      });
      await expect(gone.backfillPending()).resolves.toMatchObject({
        candidates: 1,
        claimed: 0,
      });
      await expect(store.getBackfillStatus(ENTITY_REF)).resolves.toEqual({
        state: 'pending',
      });
    });

    describe('from GitHub', () => {
      const server = setupServer();
      beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
      afterAll(() => server.close());
      afterEach(() => server.resetHandlers());

      const API = 'https://api.github.com/repos/acme/orders';
      const [D, C, B, A] = [...page1, ...page2].map(c => c.sha);
      // A (03-01) and B (03-02) give the same plan; C (03-03 08:00Z) and D (03-04) differ.
      const TEXTS: Record<string, string> = {
        [A]: planText('DRAFT', '1.0.0'),
        [B]: planText('DRAFT', '1.0.0'),
        [C]: planText('REVIEW', '1.0.0'),
        [D]: planText('APPROVED', '1.0.0'),
      };
      const source: PlanSource = {
        type: 'url',
        location: 'https://github.com/acme/orders/blob/main/data/PLAN.md',
        path: 'data/PLAN.md',
      };
      const readers = () =>
        PlanHistoryReaders.fromConfig(
          new ConfigReader({
            integrations: {
              github: [{ host: 'github.com', token: 'gh-token' }],
            },
          }),
          { planRoots: [], maxPlanBytes: 1024 * 1024 },
        );
      const commits = http.get(`${API}/commits`, () =>
        HttpResponse.json([...page1, ...page2]),
      );
      const contents = http.get(
        `${API}/contents/data/PLAN.md`,
        ({ request }) => {
          const ref = new URL(request.url).searchParams.get('ref') ?? '';
          return TEXTS[ref] === undefined
            ? HttpResponse.json({ message: 'Not Found' }, { status: 404 })
            : new HttpResponse(TEXTS[ref], {
                headers: { 'content-type': 'application/vnd.github.raw' },
              });
        },
      );
      const reset = Date.UTC(2024, 2, 10) / 1000;
      const rateLimited = http.get(`${API}/commits`, () =>
        HttpResponse.json(
          { message: 'API rate limit exceeded for user ID 1.' },
          {
            status: 403,
            headers: {
              'x-ratelimit-limit': '5000',
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(reset),
            },
          },
        ),
      );

      it('writes a row per changing version at its commit time', async () => {
        server.use(commits, contents);
        const { store } = await createStore();
        await readLive(
          store,
          source,
          planText('APPROVED', '1.0.0'),
          new Date('2024-03-05T00:00:00Z'),
        );

        await expect(
          backfiller(store, readers()).backfiller.backfillPending(),
        ).resolves.toMatchObject({ done: 1, rows: 3, versions: 4 });

        const history = await store.getHistory(ENTITY_REF);
        expect(history.map(e => [e.recordedAt, e.status, e.commit])).toEqual([
          ['2024-03-01T10:00:00.000Z', 'DRAFT', A],
          ['2024-03-03T08:00:00.000Z', 'REVIEW', C],
          ['2024-03-04T10:00:00.000Z', 'APPROVED', D],
          ['2024-03-05T00:00:00.000Z', 'APPROVED', undefined],
        ]);
      });

      it('waits for a rate limit without failing, then backfills once it has passed', async () => {
        server.use(rateLimited);
        const { store } = await createStore();
        await readLive(
          store,
          source,
          planText('APPROVED', '1.0.0'),
          new Date('2024-03-05T00:00:00Z'),
        );
        let now = new Date('2024-03-09T00:00:00Z');
        const { backfiller: b, logger } = backfiller(store, readers(), {
          now: () => now,
        });

        await expect(b.backfillPending()).resolves.toMatchObject({
          retry: 1,
          rows: 0,
        });
        expect(logger.warn).toHaveBeenCalledWith(
          expect.stringContaining('waits for a rate limit'),
        );
        const waiting = await store.getBackfillStatus(ENTITY_REF);
        expect(waiting.state).toBe('pending');
        expect(waiting.reason).toMatch(
          /rate limit; try again after 2024-03-10T00:00:00.000Z/,
        );
        // Before the reset it is not asked again.
        await expect(b.backfillPending()).resolves.toMatchObject({
          candidates: 0,
        });

        now = new Date(reset * 1000);
        server.resetHandlers(commits, contents);
        await expect(b.backfillPending()).resolves.toMatchObject({
          done: 1,
          rows: 3,
        });
        await expect(store.getBackfillStatus(ENTITY_REF)).resolves.toEqual({
          state: 'done',
          at: now.toISOString(),
        });
      });

      it('records a broken answer as failed with the reason', async () => {
        server.use(
          http.get(`${API}/commits`, () =>
            HttpResponse.json({ message: 'Server Error' }, { status: 500 }),
          ),
        );
        const { store } = await createStore();
        await readLive(store, source, planText('DRAFT', '1.0.0'), hour(1));

        await expect(
          backfiller(store, readers()).backfiller.backfillPending(),
        ).resolves.toMatchObject({ failed: 1 });
        const status = await store.getBackfillStatus(ENTITY_REF);
        expect(status.state).toBe('failed');
        expect(status.reason).toMatch(/500/);
        expect(status.at).toBe(hour(100).toISOString());
      });
    });
  },
);
