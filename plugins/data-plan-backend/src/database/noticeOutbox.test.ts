import { TestDatabaseId } from '@backstage/backend-test-utils';
import {
  evaluatePlan,
  parsePlan,
  PLAN_NOTICE_KINDS,
  PlanEvaluation,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseDataPlanStore } from './DatabaseDataPlanStore';
import { SaveResultOptions } from './DataPlanStore';
import { planNotice } from '../notices/noticeContent';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);

const text = readFileSync(
  resolve(__dirname, '../../../../examples/data-projects/sales-orders/PLAN.md'),
  'utf8',
);
const plan = parsePlan(text);
const evaluation = evaluatePlan(plan);
const identity = {
  entityRef: 'component:default/sales-orders',
  name: 'sales-orders',
  title: 'Sales Orders Pipeline',
};
const source = {
  type: 'file' as const,
  location: '/p/PLAN.md',
  path: 'PLAN.md',
};
const DAY = 86_400_000;
const t0 = new Date(Date.UTC(2026, 11, 1, 9));
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const ALL = new Set(PLAN_NOTICE_KINDS);

function result(
  minute: number,
  options: {
    hash?: string;
    status?: string;
    policyHash?: string;
    evaluation?: PlanEvaluation;
    stuckAfterDays?: number;
  } = {},
): SaveResultOptions {
  return {
    identity,
    source,
    key: {
      contentHash: options.hash ?? 'a'.repeat(64),
      parserVersion: 1,
      policyHash: options.policyHash ?? 'p1',
      policyName: 'default',
    },
    plan: options.status
      ? { ...plan, metadata: { ...plan.metadata, status: options.status } }
      : plan,
    evaluation: options.evaluation ?? evaluation,
    ...(options.stuckAfterDays !== undefined
      ? { stuckAfterDays: options.stuckAfterDays }
      : {}),
    now: at(minute),
    noticeKinds: ALL,
  } as SaveResultOptions;
}

const withError = (key: string): PlanEvaluation => ({
  ...evaluation,
  findings: [
    ...evaluation.findings,
    { key, rule: 'object-missing', severity: 'error', message: `${key} broke` },
  ],
});

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseDataPlanStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  return { knex, store };
}

const kinds = (rows: Array<{ kind: string }>) => rows.map(r => r.kind);

describe.each(databases.eachSupportedId())(
  'the notice outbox on %s',
  databaseId => {
    it('records a status change once, in the write that sees it; a first result and an unchanged one record nothing', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.saveResult(result(0));
      expect(await knex('data_plan_notices').select('kind')).toEqual([]);

      await store.saveResult(
        result(1, { hash: 'b'.repeat(64), status: 'REVIEW' }),
      );
      await store.saveResult(
        result(2, { hash: 'b'.repeat(64), status: 'REVIEW' }),
      );
      const rows = await knex('data_plan_notices').select(
        'kind',
        'title',
        'link',
      );
      expect(rows).toEqual([
        {
          kind: 'statusChanged',
          title: 'Sales Orders Pipeline: status IN_PROGRESS → REVIEW',
          link: '/catalog/default/component/sales-orders/data-plan',
        },
      ]);
    });

    it('records only the status change of a new version evaluated under another policy', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.saveResult(result(0));
      await store.saveResult(
        result(1, {
          hash: 'b'.repeat(64),
          status: 'REVIEW',
          policyHash: 'p2',
          evaluation: withError('E1'),
        }),
      );
      expect(kinds(await knex('data_plan_notices').select('kind'))).toEqual([
        'statusChanged',
      ]);
      // The same plan re-evaluated under yet another policy: nothing more.
      await store.saveResult(
        result(2, {
          hash: 'b'.repeat(64),
          status: 'REVIEW',
          policyHash: 'p3',
          evaluation: withError('E2'),
        }),
      );
      expect(
        Number((await knex('data_plan_notices').count({ n: '*' }))[0].n),
      ).toBe(1);
    });

    it('records a new error by its key against the stored evaluation', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.saveResult(result(0, { evaluation: withError('E1') }));
      await store.saveResult(
        result(1, { hash: 'b'.repeat(64), evaluation: withError('E1') }),
      );
      expect(kinds(await knex('data_plan_notices').select('kind'))).toEqual([]);
      await store.saveResult(
        result(2, { hash: 'c'.repeat(64), evaluation: withError('E2') }),
      );
      const rows = await knex('data_plan_notices').select(
        'kind',
        'description',
      );
      expect(rows).toEqual([{ kind: 'newError', description: 'E2 broke' }]);
    });

    it('records nothing against a result of a project that was deleted and came back', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.saveResult(result(0));
      await store.markDeletedExcept(new Set(), at(1));
      await store.saveResult(
        result(2, { hash: 'b'.repeat(64), status: 'REVIEW' }),
      );
      expect(await knex('data_plan_notices').select('kind')).toEqual([]);
    });

    it('still tells a status change when custom rules ran over their budget', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.saveResult(result(0));
      await store.saveResult(
        result(1, {
          hash: 'b'.repeat(64),
          status: 'REVIEW',
          policyHash: 'p1:rules-over-budget',
          evaluation: withError('E1'),
        }),
      );
      expect(kinds(await knex('data_plan_notices').select('kind'))).toEqual([
        'statusChanged',
      ]);
    });

    it('makes no write at all to record notices already recorded', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.saveResult({ ...result(0), noticeKinds: undefined });
      const notices = ['a', 'b'].map(key =>
        planNotice(identity, 'stuck', { key, title: key }),
      );
      await store.recordNotices(notices, at(1));
      const writes: string[] = [];
      const listener = (query: { sql: string }) => {
        if (/^\s*(insert|update|delete)/i.test(query.sql))
          writes.push(query.sql);
      };
      knex.on('query', listener);
      try {
        await expect(store.recordNotices(notices, at(2))).resolves.toBe(0);
      } finally {
        knex.off('query', listener);
      }
      expect(writes).toEqual([]);
    });

    it('records a notice once per event however often it is recorded', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult({ ...result(0), noticeKinds: undefined });
      const notice = planNotice(identity, 'stuck', {
        key: 'k',
        title: 'stuck',
      });
      await expect(store.recordNotices([notice, notice], at(1))).resolves.toBe(
        1,
      );
      await expect(store.recordNotices([notice], at(2))).resolves.toBe(0);
    });

    it('lets exactly one of racing claims send a notice, and never sends it again', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(result(0));
      await store.recordNotices(
        [planNotice(identity, 'stuck', { key: 'k', title: 'stuck' })],
        at(1),
      );
      const query = {
        now: at(2),
        limit: 10,
        maxAttempts: 10,
        kinds: [...PLAN_NOTICE_KINDS],
      };
      const [pending] = await store.getPendingNotices(query);
      expect(pending).toMatchObject({ kind: 'stuck', attempts: 0 });
      const times = { now: at(2), until: at(4), maxAttempts: 10 };
      const tokens = await Promise.all([
        store.claimNotice(pending.id, times),
        store.claimNotice(pending.id, times),
        store.claimNotice(pending.id, times),
      ]);
      const won = tokens.filter(Boolean);
      expect(won).toHaveLength(1);
      // Claimed: no other sender reads it while the claim holds.
      expect(await store.getPendingNotices(query)).toEqual([]);
      await expect(
        store.markNoticeSent(pending.id, 'not-the-token', at(3)),
      ).resolves.toBe(false);
      await expect(
        store.markNoticeSent(pending.id, won[0]!, at(3)),
      ).resolves.toBe(true);
      expect(await store.getPendingNotices({ ...query, now: at(10) })).toEqual(
        [],
      );
      await expect(
        store.claimNotice(pending.id, {
          now: at(10),
          until: at(12),
          maxAttempts: 10,
        }),
      ).resolves.toBeUndefined();
    });

    it('takes over a claim whose sender stopped, and retries a failed send only once it is due', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(result(0));
      await store.recordNotices(
        [planNotice(identity, 'stuck', { key: 'k', title: 'stuck' })],
        at(1),
      );
      const query = (minute: number) => ({
        now: at(minute),
        limit: 10,
        maxAttempts: 2,
        kinds: [...PLAN_NOTICE_KINDS],
      });
      const [pending] = await store.getPendingNotices(query(2));
      await store.claimNotice(pending.id, {
        now: at(2),
        until: at(4),
        maxAttempts: 10,
      });
      // The claim ran out: another sender takes it.
      const [again] = await store.getPendingNotices(query(5));
      const token = await store.claimNotice(again.id, {
        now: at(5),
        until: at(7),
        maxAttempts: 10,
      });
      expect(token).toBeDefined();
      await store.releaseNotice(again.id, token!, at(20));
      expect(await store.getPendingNotices(query(10))).toEqual([]);
      const [retry] = await store.getPendingNotices(query(20));
      expect(retry.attempts).toBe(1);
      const second = await store.claimNotice(retry.id, {
        now: at(20),
        until: at(22),
        maxAttempts: 10,
      });
      await store.releaseNotice(retry.id, second!, at(21));
      // Out of attempts: given up.
      expect(await store.getPendingNotices(query(30))).toEqual([]);
    });

    it('finds a stuck plan until it is told, and again after the quiet interval', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(result(0, { stuckAfterDays: 1 }));
      const now = new Date(t0.getTime() + 3 * DAY);
      const query = { now, toldAfter: new Date(now.getTime() - 7 * DAY) };
      const [stuck] = await store.getStuckProjects(query);
      expect(stuck).toMatchObject({
        entityRef: identity.entityRef,
        status: 'IN_PROGRESS',
        statusSince: at(0),
        // The start of the first day more than a day after the status began.
        stuckSince: new Date(Date.UTC(2026, 11, 3)),
      });
      await store.recordNotices(
        [planNotice(identity, 'stuck', { key: 'k1', title: 'stuck' })],
        now,
      );
      expect(await store.getStuckProjects(query)).toEqual([]);
      const later = new Date(now.getTime() + 8 * DAY);
      expect(
        await store.getStuckProjects({
          now: later,
          toldAfter: new Date(later.getTime() - 7 * DAY),
        }),
      ).toHaveLength(1);
      // Not stuck yet at the start.
      expect(
        await store.getStuckProjects({ now: at(60), toldAfter: at(0) }),
      ).toEqual([]);
    });

    it('finds the projects whose waivers expire by a day, with their judged waivers', async () => {
      const { store } = await createStore(databaseId);
      const listing = {
        waivers: [
          {
            index: 0,
            rule: 'object-missing',
            match: { object: 'RAW.ORDERS' },
            expires: '2026-12-10',
            waives: [],
          },
        ],
        problems: [],
      };
      const saved = result(0, {
        evaluation: { ...evaluation, waivers: listing },
      });
      await store.saveResult({
        ...saved,
        key: {
          ...saved.key,
          waivers: {
            location: '/p/w.yaml',
            contentHash: 'w',
            until: '2026-12-10',
          },
        },
        waivers: { waivers: [], problems: [] },
      });
      expect(await store.getWaiverProjects({ dueBy: '2026-12-09' })).toEqual(
        [],
      );
      expect(await store.getWaiverProjects({ dueBy: '2026-12-10' })).toEqual([
        { ...identity, listing },
      ]);
    });
  },
);
