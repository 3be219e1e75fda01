import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RepositoryReport } from '@dataplan/plugin-data-plan-common';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseDataPlanStore } from '../database/DatabaseDataPlanStore';
import { WorkerPlanParser } from './parsing/WorkerPlanParser';
import { DefaultPlanReader } from './PlanReader';
import { DefaultPlanRefresher } from './PlanRefresher';

const examples = resolve(__dirname, '../../../../examples/data-projects');
const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);
const entityRef = 'component:default/sales-orders';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));

/** A report of one orphan file: a drift finding the evaluation counts. */
const report = (orphan: string): RepositoryReport => ({
  findings: [
    {
      key: `orphan-sql-file:file:${orphan}`,
      severity: 'warning',
      rule: 'orphan-sql-file',
      message: `${orphan} is no planned object's file`,
    },
  ],
  lineage: [],
  objects: [],
  orphans: [orphan],
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
  'PlanRefresher with repository reports on %s',
  databaseId => {
    const root = createMockDirectory();
    const parser = WorkerPlanParser.create({ maxThreads: 1 });
    afterAll(() => parser.close());

    async function setup() {
      root.clear();
      cpSync(`${examples}/sales-orders`, root.resolve('sales-orders'), {
        recursive: true,
      });
      const entity: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'sales-orders',
          namespace: 'default',
          annotations: {
            'backstage.io/managed-by-location': `file:${root.path}/sales-orders/catalog-info.yaml`,
          },
        },
        spec: { type: 'data-project', owner: 'sales-analytics' },
      };
      const knex = await databases.init(databaseId);
      const store = await DatabaseDataPlanStore.create({
        database: { getClient: async () => knex },
      });
      const reader = DefaultPlanReader.create({
        urlReader: mockServices.urlReader.mock(),
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        planRoots: [root.path],
        maxPlanBytes: 1024 * 1024,
        readTimeoutMs: 600_000,
      });
      const make = (repositoryReports?: boolean) =>
        DefaultPlanRefresher.create({
          catalog: catalogServiceMock({ entities: [entity] }),
          auth: mockServices.auth(),
          reader,
          parser,
          store,
          logger: mockServices.logger.mock(),
          ...(repositoryReports === undefined ? {} : { repositoryReports }),
        });
      const contentHash = async () =>
        (await store.getRefreshState(entityRef))!.contentHash!;
      const merged = async () =>
        (await store.getProject(entityRef))?.evaluation?.repository?.orphans;
      const checkNow = async (minute: number, orphan: string) =>
        store.saveRepositoryCheck(entityRef, {
          checkedAt: at(minute),
          contentHash: await contentHash(),
          report: report(orphan),
          scmCalls: 1,
          fileReads: 1,
        });
      return { knex, store, make, merged, checkNow };
    }

    it('merges only a report of the plan the project has, and settles without one', async () => {
      const { make, merged, checkNow } = await setup();
      const refresher = make();
      await refresher.refreshAll();
      await checkNow(1, 'src/stray.sql');
      expect(await refresher.refreshAll()).toMatchObject({ evaluations: 1 });
      expect(await merged()).toEqual(['src/stray.sql']);

      // The plan changes; its check has not stored a report yet (or keeps failing).
      const file = root.resolve('sales-orders/PLAN.md');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
      expect(await refresher.refreshAll()).toMatchObject({ parses: 1 });
      expect(await merged()).toBeUndefined();
      // Nothing is left to merge: the next cycles write and evaluate nothing.
      expect(await refresher.refreshAll()).toMatchObject({
        evaluations: 0,
        writes: 0,
      });

      await checkNow(2, 'src/other.sql');
      expect(await refresher.refreshAll()).toMatchObject({ evaluations: 1 });
      expect(await merged()).toEqual(['src/other.sql']);
    });

    it('evaluates once without an unreadable report, then writes nothing', async () => {
      const { knex, make, merged, checkNow } = await setup();
      const refresher = make();
      await refresher.refreshAll();
      await checkNow(1, 'src/stray.sql');
      await knex('data_plan_repository_checks')
        .where({ entity_ref: entityRef })
        .update({ report_json: 'not json' });
      expect(await refresher.refreshAll()).toMatchObject({ evaluations: 1 });
      expect(await merged()).toBeUndefined();
      expect(await refresher.refreshAll()).toMatchObject({
        evaluations: 0,
        writes: 0,
      });
    });

    it('applies no stored report while the repository checks are off', async () => {
      const { make, merged, checkNow } = await setup();
      await make().refreshAll();
      await checkNow(1, 'src/stray.sql');
      await make().refreshAll();
      expect(await merged()).toEqual(['src/stray.sql']);

      const off = make(false);
      expect(await off.refreshAll()).toMatchObject({ evaluations: 1 });
      expect(await merged()).toBeUndefined();
      expect(await off.refreshAll()).toMatchObject({
        evaluations: 0,
        writes: 0,
      });
    });
  },
);
