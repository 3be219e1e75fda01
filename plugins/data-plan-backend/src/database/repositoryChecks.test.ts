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
  },
);
