import {
  evaluatePlan,
  parsePlan,
  RepositoryReport,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseDataPlanStore } from './DatabaseDataPlanStore';

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);
const plan = parsePlan(
  readFileSync(
    resolve(
      __dirname,
      '../../../../examples/data-projects/sales-orders/PLAN.md',
    ),
    'utf8',
  ),
);
const identity = {
  entityRef: 'component:default/sales-orders',
  name: 'sales-orders',
};
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));

const report = (orphans: string[]): RepositoryReport => ({
  findings: [],
  lineage: [],
  objects: [],
  orphans,
  listing: { paths: 10, truncated: false },
  figures: {
    filesPlanned: 0,
    filesPresent: 0,
    unitTestCoverage: null,
    unitTestCoverageByLayer: {},
    deployCoverage: null,
    rollbackCoverage: null,
  },
});

describe.each(databases.eachSupportedId())(
  'repository checks on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDataPlanStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      await store.saveResult({
        identity,
        source: { type: 'file', location: '/p/PLAN.md', path: 'PLAN.md' },
        key: {
          contentHash: 'a'.repeat(64),
          parserVersion: 1,
          policyHash: 'p',
          policyName: 'default',
        },
        plan,
        evaluation: evaluatePlan(plan),
        now: at(0),
      });
      return store;
    }
    const check = (minute: number, extra: object) => ({
      checkedAt: at(minute),
      contentHash: 'a'.repeat(64),
      scmCalls: 2,
      fileReads: 1,
      ...extra,
    });

    it('says when a report changed, and keeps the last report when a check fails', async () => {
      const store = await createStore();
      await expect(
        store.saveRepositoryCheck(
          identity.entityRef,
          check(1, { report: report(['a.sql']) }),
        ),
      ).resolves.toBe(true);
      await expect(
        store.saveRepositoryCheck(
          identity.entityRef,
          check(2, { report: report(['a.sql']) }),
        ),
      ).resolves.toBe(false);
      await expect(
        store.saveRepositoryCheck(
          identity.entityRef,
          check(3, { error: 'InputError: gone' }),
        ),
      ).resolves.toBe(false);
      const stored = await store.getRepositoryReport(identity.entityRef);
      expect(stored).toMatchObject({
        report: report(['a.sql']),
        error: 'InputError: gone',
        checkedAt: at(3),
      });
      const states = await store.getRepositoryCheckStates();
      expect(states.get(identity.entityRef)).toMatchObject({
        contentHash: 'a'.repeat(64),
        reportHash: stored!.reportHash,
      });
      // One project's own state, without the others'.
      expect([
        ...(await store.getRepositoryCheckStates(identity.entityRef)).keys(),
      ]).toEqual([identity.entityRef]);
      expect(
        (await store.getRepositoryCheckStates('component:default/other')).size,
      ).toBe(0);
      // The refresh sees a report its result was not evaluated with.
      expect(
        (await store.getRefreshState(identity.entityRef))?.reportHash,
      ).toBe(stored!.reportHash);
      expect(
        (await store.getRefreshStates()).get(identity.entityRef)
          ?.repositoryHash,
      ).toBeUndefined();
      await expect(
        store.saveRepositoryCheck(
          identity.entityRef,
          check(4, { report: report(['b.sql']) }),
        ),
      ).resolves.toBe(true);
    });

    it('stores two checks of a new project at once, the newer winning, and never an older one over it', async () => {
      const store = await createStore();
      // Two replicas checking the same project for the first time: no row to lock.
      const saved = await Promise.all([
        store.saveRepositoryCheck(
          identity.entityRef,
          check(1, { report: report(['old.sql']) }),
        ),
        store.saveRepositoryCheck(
          identity.entityRef,
          check(2, { report: report(['new.sql']) }),
        ),
      ]);
      expect(saved).toContain(true);
      const stored = await store.getRepositoryReport(identity.entityRef);
      expect(stored).toMatchObject({
        report: { orphans: ['new.sql'] },
        checkedAt: at(2),
      });
      expect(stored?.error).toBeUndefined();

      // A slow check that began before the stored one is not written over it.
      await expect(
        store.saveRepositoryCheck(
          identity.entityRef,
          check(1, { report: report(['older.sql']) }),
        ),
      ).resolves.toBe(false);
      await store.saveRepositoryCheck(
        identity.entityRef,
        check(0, { error: 'InputError: stale' }),
      );
      expect(await store.getRepositoryReport(identity.entityRef)).toMatchObject(
        { report: { orphans: ['new.sql'] }, checkedAt: at(2) },
      );
      expect(
        (await store.getRepositoryReport(identity.entityRef))?.error,
      ).toBeUndefined();
    });

    it('stores a report only for the plan the project has, and gives the plan it was computed for', async () => {
      const store = await createStore();
      await expect(
        store.saveRepositoryCheck(
          identity.entityRef,
          check(1, {
            contentHash: 'b'.repeat(64),
            report: report(['other.sql']),
          }),
        ),
      ).resolves.toBe(false);
      expect(await store.getRepositoryReport(identity.entityRef)).toBe(
        undefined,
      );
      await store.saveRepositoryCheck(
        identity.entityRef,
        check(2, { report: report(['a.sql']), checkVersion: 'v1' }),
      );
      expect(await store.getRepositoryReport(identity.entityRef)).toMatchObject(
        { contentHash: 'a'.repeat(64) },
      );
      expect(
        (await store.getRepositoryCheckStates()).get(identity.entityRef),
      ).toMatchObject({ checkVersion: 'v1' });

      // The plan changes: the report is of another plan, which no refresh waits to merge.
      await store.saveResult({
        identity,
        source: { type: 'file', location: '/p/PLAN.md', path: 'PLAN.md' },
        key: {
          contentHash: 'c'.repeat(64),
          parserVersion: 1,
          policyHash: 'p',
          policyName: 'default',
        },
        plan,
        evaluation: evaluatePlan(plan),
        now: at(3),
      });
      expect(
        (await store.getRefreshState(identity.entityRef))?.reportHash,
      ).toBeUndefined();
      expect(
        (await store.getRefreshStates()).get(identity.entityRef)?.reportHash,
      ).toBeUndefined();
      expect(await store.getRepositoryReport(identity.entityRef)).toMatchObject(
        { contentHash: 'a'.repeat(64) },
      );
    });

    it('treats an unreadable stored report as none, and forgets it', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDataPlanStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      await store.saveResult({
        identity,
        source: { type: 'file', location: '/p/PLAN.md', path: 'PLAN.md' },
        key: {
          contentHash: 'a'.repeat(64),
          parserVersion: 1,
          policyHash: 'p',
          policyName: 'default',
        },
        plan,
        evaluation: evaluatePlan(plan),
        now: at(0),
      });
      await store.saveRepositoryCheck(
        identity.entityRef,
        check(1, { report: report(['a.sql']) }),
      );
      await knex('data_plan_repository_checks')
        .where({ entity_ref: identity.entityRef })
        .update({ report_json: '{"findings": [' });
      const stored = await store.getRepositoryReport(identity.entityRef);
      expect(stored?.report).toBeUndefined();
      expect(stored?.reportHash).toBeUndefined();
      expect(
        (await store.getRefreshState(identity.entityRef))?.reportHash,
      ).toBeUndefined();
      // The next check's report is new.
      await expect(
        store.saveRepositoryCheck(
          identity.entityRef,
          check(2, { report: report(['a.sql']) }),
        ),
      ).resolves.toBe(true);
    });
  },
);
