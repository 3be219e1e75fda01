import { TestDatabaseId } from '@backstage/backend-test-utils';
import {
  evaluatePlan,
  parsePlan,
  PlanListFilters,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseDataPlanStore } from './DatabaseDataPlanStore';
import { TrendRow, TrendSpan, Visibility } from './DataPlanStore';
import { HISTORY_COUNT_COLUMNS } from './summaryColumns';
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
  owner: 'group:default/sales-analytics',
};
const source = {
  type: 'file' as const,
  location: '/repo/examples/sales-orders/PLAN.md',
  path: 'PLAN.md',
};
const key = {
  contentHash: 'a'.repeat(64),
  parserVersion: 1,
  policyHash: '00000000',
  policyName: 'default',
};
const t = (minute: number) => new Date(Date.UTC(2026, 10, 28, 10, minute));

/** The sample result, saved at `minute` under the sample key with `overrides`. */
const sampleResult = (minute: number, overrides = {}) => ({
  identity,
  source,
  key: { ...key, ...overrides },
  plan,
  evaluation,
  now: t(minute),
});

async function createStore(databaseId: TestDatabaseId, now?: () => Date) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseDataPlanStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
    now,
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'DatabaseDataPlanStore on %s',
  databaseId => {
    it('writes a result once per key, with summary columns and one history row', async () => {
      const { knex, store } = await createStore(databaseId);
      const save = (minute: number, overrides = {}) =>
        store.saveResult(sampleResult(minute, overrides));

      await expect(save(0)).resolves.toBe('written');
      await expect(save(1)).resolves.toBe('unchanged');

      const row = await knex('data_plan_projects')
        .where({ entity_ref: identity.entityRef })
        .first();
      expect(row).toMatchObject({
        status: 'IN_PROGRESS',
        owner: 'group:default/sales-analytics',
        object_count: 7,
        risk_total: 4,
        risk_unmitigated: 1,
        risk_top_score: 9,
        risk_high_high: 1,
        validation_pass: 3,
        validation_fail: 2,
        validation_pending: 2,
        error_count: 0,
        warning_count: 3,
      });
      expect(await store.getHistory(identity.entityRef)).toHaveLength(1);

      // A parser upgrade re-parses: a write, but the same summary adds no history row.
      await expect(save(2, { parserVersion: 2 })).resolves.toBe('written');
      expect(await store.getHistory(identity.entityRef)).toHaveLength(1);
    });

    it('keeps the name of the policy a result was evaluated under, and writes when only the name changes', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(sampleResult(0));
      expect((await store.getProject(identity.entityRef))?.policyName).toBe(
        'default',
      );
      // Two scopes may hold the same policy: the hash is equal, the name is not.
      await expect(
        store.saveResult(sampleResult(1, { policyName: 'production' })),
      ).resolves.toBe('written');
      expect(await store.getRefreshState(identity.entityRef)).toMatchObject({
        policyName: 'production',
      });
      expect((await store.listPlans({}, 'all')).items[0].policy).toBe(
        'production',
      );
      expect(await store.getHistory(identity.entityRef)).toHaveLength(1);
    });

    it('reads the trend rows of the matching visible projects: the range and the last row before it', async () => {
      const { store } = await createStore(databaseId);
      const withStatus = (status: string) =>
        parsePlan(text.replace('`IN_PROGRESS`', `\`${status}\``));
      const save = (
        name: string,
        owner: string,
        minute: number,
        status: string,
      ) => {
        const statusPlan = withStatus(status);
        return store.saveResult({
          identity: { entityRef: `component:default/${name}`, name, owner },
          source: { ...source, location: `/repo/${name}/PLAN.md` },
          key: { ...key, contentHash: `${minute}`.padStart(64, '0') },
          plan: statusPlan,
          evaluation: evaluatePlan(statusPlan),
          now: t(minute),
        });
      };
      await save('a', 'group:default/x', 0, 'DRAFT');
      await save('a', 'group:default/x', 5, 'REVIEW');
      await save('a', 'group:default/x', 10, 'APPROVED');
      await save('a', 'group:default/x', 20, 'IN_PROGRESS');
      await save('b', 'group:default/y', 12, 'DRAFT');

      const rows = await store.getTrendRows({}, 'all', {
        from: t(8),
        until: t(15),
      });
      expect(rows.map(r => [r.entityRef, r.status, r.recordedAt])).toEqual([
        // a's last row before the range, then its row in it; not the one after.
        ['component:default/a', 'REVIEW', t(5).toISOString()],
        ['component:default/a', 'APPROVED', t(10).toISOString()],
        ['component:default/b', 'DRAFT', t(12).toISOString()],
      ]);
      expect(rows[0].summary).toHaveProperty('error_count');

      const filtered = await store.getTrendRows(
        { owner: ['group:default/y'] },
        'all',
        { from: t(8), until: t(15) },
      );
      expect(filtered.map(r => r.entityRef)).toEqual(['component:default/b']);
      const visible = await store.getTrendRows({}, ['component:default/a'], {
        from: t(8),
        until: t(15),
      });
      expect(new Set(visible.map(r => r.entityRef))).toEqual(
        new Set(['component:default/a']),
      );
    });

    it('reads the counts of a history row an older replica wrote without count columns from its summary', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.saveResult(sampleResult(0));
      const [row] = await knex('data_plan_history').select(
        'id',
        'summary_json',
      );
      const summary = JSON.parse(row.summary_json);
      // As a replica from before the count columns writes it: summary_json alone.
      const nulls = Object.fromEntries(
        Object.values(HISTORY_COUNT_COLUMNS).map(column => [column, null]),
      );
      await knex('data_plan_history')
        .where({ id: row.id })
        .update({
          ...nulls,
          summary_json: JSON.stringify({
            ...summary,
            [HISTORY_COUNT_COLUMNS.warnings]: 7,
          }),
        });

      const [read] = await store.getTrendRows({}, 'all', {
        from: t(-1),
        until: t(1),
      });

      expect(read.summary[HISTORY_COUNT_COLUMNS.warnings]).toBe(7);
      expect(read.summary[HISTORY_COUNT_COLUMNS.errors]).toBe(
        summary[HISTORY_COUNT_COLUMNS.errors],
      );
    });

    it('writes a batch of results as each would be written alone, a project twice in turn', async () => {
      const { knex, store } = await createStore(databaseId);
      const named = (name: string) => ({
        entityRef: `component:default/${name}`,
        name,
      });
      const complete = parsePlan(text.replace('`IN_PROGRESS`', '`COMPLETE`'));
      await store.saveResult({ ...sampleResult(0), identity: named('kept') });

      const outcomes = await store.saveResults([
        { ...sampleResult(1), identity: named('new') },
        // The same result again: nothing new.
        { ...sampleResult(1), identity: named('kept') },
        { ...sampleResult(1), identity: named('twice') },
        {
          ...sampleResult(2, { contentHash: 'c'.repeat(64) }),
          identity: named('twice'),
          plan: complete,
          evaluation: evaluatePlan(complete),
        },
      ]);

      expect(outcomes).toEqual(['written', 'unchanged', 'written', 'written']);
      expect(
        (await store.getHistory('component:default/twice')).map(e => e.status),
      ).toEqual(['IN_PROGRESS', 'COMPLETE']);
      expect(await store.getHistory('component:default/kept')).toHaveLength(1);
      const counts = await knex('data_plan_history')
        .where({ entity_ref: 'component:default/new' })
        .first('error_count', 'warning_count');
      expect(counts).toEqual({
        error_count: evaluation.summary.counts.error,
        warning_count: evaluation.summary.counts.warning,
      });

      const stored = await store.getStoredPlans([
        'component:default/twice',
        'component:default/kept',
        'component:default/unknown',
      ]);
      expect([...stored.keys()].sort()).toEqual([
        'component:default/kept',
        'component:default/twice',
      ]);
      expect(stored.get('component:default/twice')).toEqual({
        contentHash: 'c'.repeat(64),
        plan: complete,
      });
    });

    it('says a plan is stuck once its status has lasted longer than its limit, writing nothing as days pass', async () => {
      const day = (n: number, hour = 12) =>
        new Date(Date.UTC(2026, 10, 1 + n, hour));
      let today = day(0);
      const { store } = await createStore(databaseId, () => today);
      const stuck = async () => ({
        list: (await store.listPlans({}, 'all')).items[0].stuckSince,
        filtered: (await store.listPlans({ stuck: true }, 'all')).items.length,
        facets: (await store.getFacets({}, 'all')).stuck,
      });

      // IN_PROGRESS may last 2 days: stuck from the start of day 3.
      await store.saveResult({
        ...sampleResult(0),
        now: day(0),
        stuckAfterDays: 2,
      });
      today = day(2, 23);
      expect(await stuck()).toEqual({
        list: undefined,
        filtered: 0,
        facets: 0,
      });
      today = day(3, 0);
      expect(await stuck()).toEqual({
        list: day(3, 0).toISOString(),
        filtered: 1,
        facets: 1,
      });
      // A new result in the same status keeps when it began, and so when it is stuck.
      await store.saveResult({
        ...sampleResult(0, { contentHash: 'd'.repeat(64) }),
        now: day(3, 6),
        stuckAfterDays: 2,
      });
      expect((await stuck()).filtered).toBe(1);
      // No limit (another policy, or a status without one): not stuck.
      await store.saveResult({
        ...sampleResult(0, { contentHash: 'e'.repeat(64) }),
        now: day(3, 7),
      });
      expect(await stuck()).toEqual({
        list: undefined,
        filtered: 0,
        facets: 0,
      });
    });

    it('records a history row when the status changes', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(sampleResult(0));
      const complete = parsePlan(text.replace('`IN_PROGRESS`', '`COMPLETE`'));
      await store.saveResult({
        identity,
        source,
        key: { ...key, contentHash: 'b'.repeat(64) },
        plan: complete,
        evaluation: evaluatePlan(complete),
        now: t(5),
      });
      const history = await store.getHistory(identity.entityRef);
      expect(history.map(h => h.status)).toEqual(['IN_PROGRESS', 'COMPLETE']);
      expect(history[1]).toMatchObject({
        recordedAt: t(5).toISOString(),
        planVersion: '1.2.0',
      });
      expect(history[1].summary).toMatchObject({
        error_count: 1,
        validation_fail: 2,
      });
    });

    it('counts the days a plan has had its status, from the result that set it', async () => {
      const day = (n: number) => new Date(Date.UTC(2026, 10, 28 + n, 12));
      let today = day(3);
      const { knex, store } = await createStore(databaseId, () => today);
      const daysInStatus = async () =>
        (await store.listPlans({}, 'all')).items[0].daysInStatus;
      const statusSince = async () =>
        (
          await knex('data_plan_projects')
            .where({ entity_ref: identity.entityRef })
            .first('status_since')
        ).status_since;

      await store.saveResult(sampleResult(0));
      expect(await daysInStatus()).toBe(3);
      const since = await statusSince();
      expect(new Date(since).toISOString()).toBe(t(0).toISOString());
      // The same result writes nothing; another with the same status keeps its time.
      await expect(store.saveResult(sampleResult(1))).resolves.toBe(
        'unchanged',
      );
      await expect(
        store.saveResult(sampleResult(2, { contentHash: 'c'.repeat(64) })),
      ).resolves.toBe('written');
      expect(await statusSince()).toEqual(since);

      const complete = parsePlan(text.replace('`IN_PROGRESS`', '`COMPLETE`'));
      await store.saveResult({
        identity,
        source,
        key: { ...key, contentHash: 'b'.repeat(64) },
        plan: complete,
        evaluation: evaluatePlan(complete),
        now: day(3),
      });
      expect(await daysInStatus()).toBe(0);
      // Nothing written since, but another day: the list counts to it.
      today = day(5);
      expect(await daysInStatus()).toBe(2);
      for await (const page of store.streamPlans({}, 'all')) {
        expect(page.map(p => p.daysInStatus)).toEqual([2]);
      }
    });

    it('writes racing refreshes of the same result once', async () => {
      const { store } = await createStore(databaseId);
      const results = await Promise.all(
        [0, 1, 2].map(() => store.saveResult(sampleResult(0))),
      );
      expect(results.sort()).toEqual(['unchanged', 'unchanged', 'written']);
      expect(await store.getHistory(identity.entityRef)).toHaveLength(1);
    });

    it('creates a new project once when its first refreshes race, errors included', async () => {
      const { store } = await createStore(databaseId);
      const outcomes = await Promise.all([
        store.saveResult(sampleResult(0)),
        store.saveError({ identity, source, error: 'timed out', now: t(0) }),
        store.saveResult(sampleResult(0)),
      ]);
      expect(
        outcomes.filter(o => o === 'written').length,
      ).toBeGreaterThanOrEqual(1);
      expect((await store.getProject(identity.entityRef))?.name).toBe(
        'sales-orders',
      );
    });

    it('never goes back to the result of a refresh that started earlier', async () => {
      const { store } = await createStore(databaseId);
      const complete = parsePlan(text.replace('`IN_PROGRESS`', '`COMPLETE`'));
      await store.saveResult({
        identity,
        source,
        key: { ...key, contentHash: 'b'.repeat(64) },
        plan: complete,
        evaluation: evaluatePlan(complete),
        now: t(5),
      });
      // A slow cycle that read the older plan at minute 3 finishes after the minute-5 refresh.
      await expect(store.saveResult(sampleResult(3))).resolves.toBe(
        'unchanged',
      );
      expect(
        (await store.getProject(identity.entityRef))?.plan?.metadata.status,
      ).toBe('COMPLETE');
    });

    it('remembers where a plan moved and who owns it now, without a new result', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(sampleResult(0));
      const moved = { ...source, location: '/repo/elsewhere/PLAN.md' };
      const reowned = { ...identity, owner: 'group:default/platform-team' };
      await expect(
        store.saveResult({
          identity: reowned,
          source: moved,
          key,
          plan,
          evaluation,
          now: t(1),
        }),
      ).resolves.toBe('unchanged');
      expect(await store.getProject(identity.entityRef)).toMatchObject({
        owner: 'group:default/platform-team',
        source: { location: '/repo/elsewhere/PLAN.md' },
      });
      expect(await store.getHistory(identity.entityRef)).toHaveLength(1);
    });

    it('keeps the last good plan when a read fails, and clears the error on the next success', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(sampleResult(0));
      await store.saveError({
        identity,
        source,
        error: 'Not found: PLAN.md',
        now: t(1),
      });

      const failed = await store.getProject(identity.entityRef);
      expect(failed).toMatchObject({
        lastError: 'Not found: PLAN.md',
        lastRefreshedAt: t(1).toISOString(),
        lastSuccessAt: t(0).toISOString(),
      });
      expect(failed?.plan?.metadata.status).toBe('IN_PROGRESS');

      await store.markFresh({ identity, source, now: t(2) });
      const fresh = await store.getProject(identity.entityRef);
      expect(fresh?.lastError).toBeUndefined();
      expect(fresh?.lastSuccessAt).toBe(t(2).toISOString());
    });

    it('forgets the stored key when a read fails at another location, and keeps the plan', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(sampleResult(0, { etag: '"a"' }));
      await store.saveError({
        identity,
        source,
        error: 'timed out',
        now: t(1),
      });
      // The same location: the key still names what is stored.
      expect(await store.getRefreshState(identity.entityRef)).toMatchObject({
        etag: '"a"',
        contentHash: key.contentHash,
      });

      const moved = { ...source, location: '/repo/elsewhere/PLAN.md' };
      await store.saveError({
        identity,
        source: moved,
        error: 'timed out',
        now: t(2),
      });
      const state = await store.getRefreshState(identity.entityRef);
      expect(state).toMatchObject({ sourceLocation: moved.location });
      expect(state?.etag).toBeUndefined();
      expect(state?.contentHash).toBeUndefined();
      const project = await store.getProject(identity.entityRef);
      expect(project?.plan?.metadata.status).toBe('IN_PROGRESS');
    });

    it('records an error for a project it never read, without a plan', async () => {
      const { store } = await createStore(databaseId);
      await store.saveError({
        identity,
        error: 'refused: outside the plan roots',
        now: t(0),
      });
      const project = await store.getProject(identity.entityRef);
      expect(project).toMatchObject({
        entityRef: identity.entityRef,
        lastError: 'refused: outside the plan roots',
      });
      expect(project?.plan).toBeUndefined();
    });

    it('soft-deletes projects gone from the catalog and keeps their history', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(sampleResult(0));
      const other = {
        ...identity,
        entityRef: 'component:default/other',
        name: 'other',
      };
      await store.saveResult({
        identity: other,
        source,
        key,
        plan,
        evaluation,
        now: t(0),
      });

      await expect(
        store.markDeletedExcept(new Set([other.entityRef]), t(1)),
      ).resolves.toBe(1);
      expect((await store.getProject(identity.entityRef))?.deletedAt).toBe(
        t(1).toISOString(),
      );
      expect(await store.getHistory(identity.entityRef)).toHaveLength(1);
      expect(
        (await store.getRefreshStates()).get(identity.entityRef),
      ).toMatchObject({ deleted: true });

      // Back in the catalog: the same result comes back to life.
      await expect(store.saveResult(sampleResult(2))).resolves.toBe('written');
      expect(
        (await store.getProject(identity.entityRef))?.deletedAt,
      ).toBeUndefined();
    });

    it('keeps the active findings of each result by rule, replaced with each new result', async () => {
      const { knex, store } = await createStore(databaseId);
      const findings = () =>
        knex('data_plan_findings')
          .where({ entity_ref: identity.entityRef })
          .select('rule', 'severity', 'finding_count')
          .orderBy('rule');
      await store.saveResult(sampleResult(0));
      expect(await findings()).toEqual([
        { rule: 'unmitigated-risk', severity: 'warning', finding_count: 1 },
        { rule: 'validation-failed', severity: 'warning', finding_count: 2 },
      ]);

      // An unchanged result writes nothing: a row changed behind the store's back stays.
      await knex('data_plan_findings')
        .where({ entity_ref: identity.entityRef, rule: 'validation-failed' })
        .update({ finding_count: 99 });
      await expect(store.saveResult(sampleResult(1))).resolves.toBe(
        'unchanged',
      );
      expect(await findings()).toContainEqual({
        rule: 'validation-failed',
        severity: 'warning',
        finding_count: 99,
      });

      // A new result replaces the project's rows: here a plan with one error and nothing else.
      const broken = parsePlan(text.replace('`IN_PROGRESS`', '`FINISHED`'));
      await store.saveResult({
        ...sampleResult(2, { contentHash: 'b'.repeat(64) }),
        plan: broken,
        evaluation: evaluatePlan(broken),
      });
      expect((await findings()).map(row => row.rule)).toEqual(
        evaluatePlan(broken)
          .findings.concat(evaluatePlan(broken).diagnostics)
          .map(f => f.rule)
          .filter((rule, i, all) => all.indexOf(rule) === i)
          .sort(),
      );
      expect(await findings()).toContainEqual({
        rule: 'unknown-status',
        severity: 'error',
        finding_count: 1,
      });
    });

    it('deletes a project’s findings with the project', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.saveResult(sampleResult(0));
      const count = async () =>
        Number(
          (
            await knex('data_plan_findings')
              .where({ entity_ref: identity.entityRef })
              .count({ n: '*' })
          )[0].n,
        );
      expect(await count()).toBe(2);
      // Soft-deleted, the rows stay for the project's return, and no facet counts them.
      await store.markDeletedExcept(new Set(), t(1));
      expect(await count()).toBe(2);
      expect((await store.getFacets({}, 'all')).rules).toEqual([]);
      await knex('data_plan_projects')
        .where({ entity_ref: identity.entityRef })
        .delete();
      expect(await count()).toBe(0);
    });

    it('reports each project’s refresh state', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult({
        identity,
        source,
        key: { ...key, etag: '"v1"' },
        plan,
        evaluation,
        now: t(0),
      });
      expect(await store.getRefreshStates()).toEqual(
        new Map([
          [
            identity.entityRef,
            {
              etag: '"v1"',
              contentHash: key.contentHash,
              parserVersion: 1,
              policyHash: '00000000',
              policyName: 'default',
              sourceLocation: source.location,
              deleted: false,
              hasError: false,
              name: 'sales-orders',
              title: 'Sales Orders Pipeline',
              owner: 'group:default/sales-analytics',
            },
          ],
        ]),
      );
    });
    it('reads one project’s refresh state from its row only', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(sampleResult(0));
      await store.saveResult({
        ...sampleResult(0),
        identity: { ...identity, entityRef: 'component:default/other' },
      });
      expect(await store.getRefreshState(identity.entityRef)).toEqual(
        (await store.getRefreshStates()).get(identity.entityRef),
      );
      expect(
        await store.getRefreshState('component:default/missing'),
      ).toBeUndefined();
    });

    it('keeps a refused read’s key apart from the stored result’s, until the next success', async () => {
      const { store } = await createStore(databaseId);
      await store.saveResult(sampleResult(0, { etag: '"good"' }));
      const rejected = {
        etag: '"notes"',
        contentHash: 'c'.repeat(64),
        parserVersion: 1,
      };
      await store.saveError({
        identity,
        source,
        error: 'InputError: PLAN.md is not a plan',
        rejected,
        now: t(1),
      });
      expect(await store.getRefreshState(identity.entityRef)).toMatchObject({
        etag: '"good"',
        contentHash: key.contentHash,
        hasError: true,
        lastError: 'InputError: PLAN.md is not a plan',
        rejected,
      });
      const project = await store.getProject(identity.entityRef);
      expect(project?.plan).toEqual(plan);
      expect(project?.evaluation).toEqual(evaluation);

      // A read failure of another kind forgets the refused key…
      await store.saveError({ identity, source, error: 'gone', now: t(2) });
      expect(
        (await store.getRefreshState(identity.entityRef))?.rejected,
      ).toBeUndefined();
      // …and so does a success.
      await store.saveError({
        identity,
        source,
        error: 'x',
        rejected,
        now: t(3),
      });
      await store.markFresh({ identity, source, now: t(4) });
      expect(await store.getRefreshState(identity.entityRef)).toMatchObject({
        hasError: false,
        etag: '"good"',
      });
      expect(
        (await store.getRefreshState(identity.entityRef))?.rejected,
      ).toBeUndefined();
      await store.saveError({
        identity,
        source,
        error: 'x',
        rejected,
        now: t(5),
      });
      await store.saveResult(sampleResult(6, { contentHash: 'd'.repeat(64) }));
      expect(
        (await store.getRefreshState(identity.entityRef))?.rejected,
      ).toBeUndefined();
    });

    it('stores entity and plan text of any length, and NUL characters', async () => {
      const { store } = await createStore(databaseId);
      const long = 'é'.repeat(10_000);
      const longPlan = parsePlan(text.replace('`1.2.0`', `\`${long}\``));
      await expect(
        store.saveResult({
          identity: {
            ...identity,
            title: `${long}\u0000`,
            owner: `group:default/${long}`,
          },
          source: { ...source, path: `${'a/'.repeat(5000)}PLAN.md` },
          key: { ...key, etag: `"${long}"` },
          plan: longPlan,
          evaluation: evaluatePlan(longPlan),
          now: t(0),
        }),
      ).resolves.toBe('written');
      const stored = await store.getProject(identity.entityRef);
      expect(stored?.title).toBe(`${long}\uFFFD`);
      expect(stored?.owner).toBe(`group:default/${long}`.slice(0, 255));
      expect(stored?.source?.path).toHaveLength(10_007);
      expect(stored?.plan?.metadata.planVersion).toBe(long);
      expect((await store.getHistory(identity.entityRef))[0].planVersion).toBe(
        long,
      );
      await store.saveError({
        identity: { ...identity, title: long },
        error: `Error: ${long}\u0000`,
        now: t(1),
      });
      expect((await store.getProject(identity.entityRef))?.lastError).toBe(
        `Error: ${long}`.slice(0, 4000),
      );
    });
  },
);

describe.each(databases.eachSupportedId())(
  'reads of DatabaseDataPlanStore on %s',
  databaseId => {
    /** Two stores on one database, as two replicas have, and the queries each sends. */
    async function createReplicas() {
      const knex = await databases.init(databaseId);
      const create = () =>
        DatabaseDataPlanStore.create({
          database: {
            getClient: async () => knex,
            migrations: { skip: false },
          },
        });
      const reader = await create();
      const writer = await create();
      const queries: string[] = [];
      knex.on('query', (query: { sql: string }) => queries.push(query.sql));
      return { reader, writer, queries };
    }

    const other = {
      ...identity,
      entityRef: 'component:default/other',
      name: 'other',
      title: 'Other',
    };
    const everything = async (store: DatabaseDataPlanStore) => {
      const exported = [];
      for await (const page of store.streamPlans({ sort: 'name' }, 'all')) {
        exported.push(...page);
      }
      return {
        list: await store.listPlans({ sort: 'name' }, 'all'),
        facets: await store.getFacets({}, 'all'),
        exported,
      };
    };

    it('answers a repeated read with one small query while nothing was written', async () => {
      const { reader, writer, queries } = await createReplicas();
      await writer.saveResult(sampleResult(0));
      const visible = [identity.entityRef];
      const first = {
        list: await reader.listPlans({ sort: 'name' }, visible),
        facets: await reader.getFacets({}, visible),
      };

      queries.length = 0;
      const again = {
        list: await reader.listPlans({ sort: 'name' }, [...visible]),
        facets: await reader.getFacets({}, visible),
      };
      const exported = [];
      for await (const page of reader.streamPlans({}, visible)) {
        exported.push(...page);
      }
      const exportQueries = queries.length - 2;
      for await (const page of reader.streamPlans({}, visible)) {
        exported.push(...page);
      }

      expect(again).toEqual(first);
      expect(exported).toEqual([...first.list.items, ...first.list.items]);
      // One query for the generation per read; the export's rows once.
      expect(queries).toHaveLength(2 + exportQueries + 1);
      expect(
        queries.filter(sql => sql.includes('data_plan_projects')),
      ).toHaveLength(1);
    });

    it('keeps reads apart by visibility and request', async () => {
      const { reader, writer } = await createReplicas();
      await writer.saveResult(sampleResult(0));
      await writer.saveError({ identity: other, error: 'broken', now: t(1) });

      const all = await reader.listPlans({ sort: 'name' }, 'all');
      const none = await reader.listPlans({ sort: 'name' }, []);
      const one = await reader.listPlans({ sort: 'name' }, [other.entityRef]);
      const reversed = await reader.listPlans(
        { sort: 'name', order: 'desc' },
        'all',
      );

      expect(all.items.map(i => i.entityRef)).toEqual([
        other.entityRef,
        identity.entityRef,
      ]);
      expect(none.items).toEqual([]);
      expect(one.items.map(i => i.entityRef)).toEqual([other.entityRef]);
      expect(reversed.items.map(i => i.entityRef)).toEqual([
        identity.entityRef,
        other.entityRef,
      ]);
      expect((await reader.getFacets({}, [])).totalCount).toBe(0);
      expect((await reader.getFacets({}, 'all')).totalCount).toBe(2);
    });

    it('holds later writes back from the reused results until they are published', async () => {
      const { reader, writer, queries } = await createReplicas();
      await writer.saveResult(sampleResult(0));
      const before = await everything(reader);

      await writer.saveError({
        identity: other,
        error: 'broken',
        now: t(1),
        publish: 'later',
      });
      await writer.markFresh({
        identity,
        source,
        now: t(2),
        publish: 'later',
      });
      // The project's own read sees the write at once; the reused results do not yet.
      expect((await reader.getProject(other.entityRef))?.lastError).toBe(
        'broken',
      );
      expect(await everything(reader)).toEqual(before);

      await writer.publish();
      const published = await everything(reader);
      // Nothing waits any more: the next publish sends nothing.
      queries.length = 0;
      await writer.publish();
      expect(queries).toEqual([]);
      expect(published.list.totalCount).toBe(2);
      expect(published.facets.totalCount).toBe(2);
      expect(published.exported.map(p => p.lastRefreshedAt)).toEqual([
        t(1).toISOString(),
        t(2).toISOString(),
      ]);
    });

    it('reuses a trend until a history row is written or pruned, whichever replica wrote', async () => {
      const { reader, writer } = await createReplicas();
      await writer.saveResult(sampleResult(0));
      const compute = jest.fn((rows: TrendRow[]) => ({
        rows: rows.map(r => [r.status, r.recordedAt]),
      }));
      const trend = async () =>
        (
          await reader.getTrend(
            {},
            'all',
            { interval: 'day', from: t(-30), until: t(60) },
            compute,
          )
        ).rows;
      const atMinute = (status: string, minute: number) => [
        status,
        t(minute).toISOString(),
      ];

      expect(await trend()).toEqual([atMinute('IN_PROGRESS', 0)]);
      expect(await trend()).toEqual([atMinute('IN_PROGRESS', 0)]);
      expect(compute).toHaveBeenCalledTimes(1);

      // A new result.
      const complete = parsePlan(text.replace('`IN_PROGRESS`', '`COMPLETE`'));
      await writer.saveResult({
        ...sampleResult(3, { contentHash: 'c'.repeat(64) }),
        plan: complete,
        evaluation: evaluatePlan(complete),
      });
      expect(await trend()).toEqual([
        atMinute('IN_PROGRESS', 0),
        atMinute('COMPLETE', 3),
      ]);

      // A backfilled version from before the first live row.
      const draft = parsePlan(text.replace('`IN_PROGRESS`', '`DRAFT`'));
      const times = { now: t(4), staleBefore: t(-60) };
      await expect(
        writer.claimBackfill(identity.entityRef, times),
      ).resolves.toBe(true);
      await expect(
        writer.finishBackfill(identity.entityRef, {
          claimedAt: times.now,
          outcome: {
            state: 'done',
            versions: [
              {
                commit: 'f'.repeat(40),
                committedAt: t(-10),
                plan: draft,
                evaluation: evaluatePlan(draft),
              },
            ],
          },
          now: t(4),
        }),
      ).resolves.toBe(1);
      expect(await trend()).toEqual([
        atMinute('DRAFT', -10),
        atMinute('IN_PROGRESS', 0),
        atMinute('COMPLETE', 3),
      ]);

      // The retention drops the rows older than minute 2 that have a newer one.
      await expect(writer.pruneHistory(t(2))).resolves.toBe(2);
      expect(await trend()).toEqual([atMinute('COMPLETE', 3)]);
      // Nothing pruned: the reused trend stands.
      await expect(writer.pruneHistory(t(2))).resolves.toBe(0);
      const computed = compute.mock.calls.length;
      expect(await trend()).toEqual([atMinute('COMPLETE', 3)]);
      expect(compute).toHaveBeenCalledTimes(computed);
    });

    it('keeps trends apart by visibility, filters and range', async () => {
      const { reader, writer } = await createReplicas();
      await writer.saveResult(sampleResult(0));
      await writer.saveResult({
        ...sampleResult(1),
        identity: { ...other, owner: 'group:default/other' },
      });
      const trend = async (
        filters: PlanListFilters,
        visible: Visibility,
        range: TrendSpan,
      ) =>
        (
          await reader.getTrend(filters, visible, range, rows => ({
            refs: rows.map(r => r.entityRef),
          }))
        ).refs;
      const range: TrendSpan = { interval: 'day', from: t(0), until: t(60) };

      expect(await trend({}, 'all', range)).toEqual([
        other.entityRef,
        identity.entityRef,
      ]);
      expect(await trend({}, [other.entityRef], range)).toEqual([
        other.entityRef,
      ]);
      expect(await trend({ owner: [identity.owner] }, 'all', range)).toEqual([
        identity.entityRef,
      ]);
      // Both rows before the range: each project stands where its last row put it.
      expect(await trend({}, 'all', { ...range, from: t(30) })).toEqual([
        other.entityRef,
        identity.entityRef,
      ]);
      // The range ends before the other project's row.
      expect(await trend({}, 'all', { ...range, until: t(1) })).toEqual([
        identity.entityRef,
      ]);
    });

    it('sees every write on the next read, whichever replica wrote', async () => {
      const { reader, writer } = await createReplicas();
      await writer.saveResult(sampleResult(0));
      const before = await everything(reader);
      expect(before.list.totalCount).toBe(1);

      // A new project.
      await writer.saveError({ identity: other, error: 'broken', now: t(1) });
      const added = await everything(reader);
      expect(added.list.totalCount).toBe(2);
      expect(added.facets.totalCount).toBe(2);
      expect(added.exported.map(p => p.lastError)).toEqual([
        'broken',
        undefined,
      ]);

      // The same result under a new title: no new result, but a new row in the list.
      await expect(
        writer.saveResult({
          ...sampleResult(2),
          identity: { ...identity, title: 'Renamed' },
        }),
      ).resolves.toBe('unchanged');
      const renamed = await everything(reader);
      expect(renamed.list.items[1].title).toBe('Renamed');
      expect(renamed.exported[1].title).toBe('Renamed');

      // A new result.
      const complete = parsePlan(text.replace('`IN_PROGRESS`', '`COMPLETE`'));
      await writer.saveResult({
        ...sampleResult(3, { contentHash: 'c'.repeat(64) }),
        identity: { ...identity, title: 'Renamed' },
        plan: complete,
        evaluation: evaluatePlan(complete),
      });
      const changed = await everything(reader);
      expect(changed.list.items[1].status).toBe('COMPLETE');
      expect(changed.facets.byStatus).toMatchObject({ COMPLETE: 1 });

      // A refresh that found the stored result still right.
      await writer.markFresh({ identity: other, source, now: t(4) });
      const fresh = await everything(reader);
      expect(fresh.list.items[0].lastError).toBeUndefined();
      expect(fresh.exported[0].lastRefreshedAt).toBe(t(4).toISOString());

      // A project gone from the catalog.
      await writer.markDeletedExcept(new Set([identity.entityRef]), t(5));
      const deleted = await everything(reader);
      expect(deleted.list.items.map(i => i.entityRef)).toEqual([
        identity.entityRef,
      ]);
      expect(deleted.facets.totalCount).toBe(1);
      expect(deleted.exported).toHaveLength(1);
    });
  },
);
