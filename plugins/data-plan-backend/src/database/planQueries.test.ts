import { TestDatabaseId } from '@backstage/backend-test-utils';
import {
  applyWaivers,
  evaluatePlan,
  parsePlan,
  PLAN_SORT_KEYS,
  RepositoryReport,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateWithRules } from '../service/evaluateWithRules';
import { planListQuery } from '../service/planListQuery';
import { listPlansResponse } from '../service/planResponses';
import { DatabaseDataPlanStore } from './DatabaseDataPlanStore';
import { HISTORY_COUNT_COLUMNS } from './summaryColumns';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);
const examples = resolve(__dirname, '../../../../examples/data-projects');
const sample = (name: string) =>
  readFileSync(`${examples}/${name}/PLAN.md`, 'utf8');

const variants = [
  { text: sample('sales-orders'), owner: 'group:default/sales-analytics' }, // IN_PROGRESS, 2 failed, unmitigated
  { text: sample('customer-360'), owner: 'group:default/marketing-data' }, // COMPLETE, clean
  {
    text: sample('inventory-forecast'),
    owner: 'group:default/supply-chain-data',
  }, // DRAFT, warnings
  {
    text: sample('customer-360').replace('`COMPLETE`', '`FINISHED`'),
    owner: 'group:default/marketing-data',
  }, // error
];

async function seed(databaseId: TestDatabaseId, count = 12) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseDataPlanStore.create({
    database: { getClient: async () => knex },
  });
  for (let i = 0; i < count; i++) {
    const variant = variants[i % variants.length];
    const plan = parsePlan(variant.text);
    const name = `project-${String(i).padStart(2, '0')}`;
    await store.saveResult({
      identity: {
        entityRef: `component:default/${name}`,
        name,
        title: `Project ${i}`,
        owner: variant.owner,
      },
      source: { type: 'file', location: `/p/${name}/PLAN.md`, path: 'PLAN.md' },
      key: {
        contentHash: String(i).padStart(64, '0'),
        parserVersion: 1,
        policyHash: 'p',
        policyName: 'default',
      },
      plan,
      evaluation: evaluatePlan(plan),
      now: new Date(Date.UTC(2026, 10, 28, 10, i)),
    });
  }
  return store;
}

describe.each(databases.eachSupportedId())(
  'listing plans on %s',
  databaseId => {
    it('lists worst first by default: errors, then failed validation and unmitigated risks', async () => {
      const store = await seed(databaseId);
      const { items, totalCount } = await store.listPlans({}, 'all');
      expect(totalCount).toBe(12);
      expect(items.slice(0, 3).map(i => i.findings.error)).toEqual([1, 1, 1]);
      expect(items[3]).toMatchObject({
        status: 'IN_PROGRESS',
        validation: { fail: 2 },
        risks: { unmitigated: 1, topScore: 9 },
      });
      expect(items[items.length - 1]).toMatchObject({
        status: 'COMPLETE',
        findings: { error: 0, warning: 0 },
      });
    });

    it('filters by owner, status, severity, unmitigated risk and text', async () => {
      const store = await seed(databaseId);
      const names = async (request: object) =>
        (await store.listPlans({ sort: 'name', ...request }, 'all')).items.map(
          i => i.entityRef.split('/')[1],
        );
      expect(
        await names({ owner: ['group:default/supply-chain-data'] }),
      ).toEqual(['project-02', 'project-06', 'project-10']);
      expect(await names({ status: ['COMPLETE', 'DRAFT'] })).toEqual([
        'project-01',
        'project-02',
        'project-05',
        'project-06',
        'project-09',
        'project-10',
      ]);
      expect(await names({ severity: 'error' })).toEqual([
        'project-03',
        'project-07',
        'project-11',
      ]);
      expect(await names({ unmitigatedHighRisk: true })).toEqual([
        'project-00',
        'project-02',
        'project-04',
        'project-06',
        'project-08',
        'project-10',
      ]);
      expect(await names({ text: 'PROJECT 1' })).toEqual([
        'project-01',
        'project-10',
        'project-11',
      ]);
      expect(await names({ text: '100%_' })).toEqual([]);
    });

    it('shows only visible projects', async () => {
      const store = await seed(databaseId);
      const visible = [
        'component:default/project-04',
        'component:default/project-01',
      ];
      expect(
        (await store.listPlans({ sort: 'name' }, visible)).items.map(
          i => i.entityRef,
        ),
      ).toEqual([visible[1], visible[0]]);
      expect(await store.listPlans({}, [])).toEqual({
        items: [],
        totalCount: 0,
      });
      expect((await store.getFacets({}, visible)).totalCount).toBe(2);
    });

    // Through the cursors a client holds: each sort's database value, encoded and decoded.
    it.each([...PLAN_SORT_KEYS])(
      'pages through every project once by %s with cursors',
      async sort => {
        const store = await seed(databaseId);
        const all = (
          await store.listPlans({ sort, limit: 100 }, 'all')
        ).items.map(i => i.entityRef);
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = listPlansResponse(
            await store.listPlans(
              planListQuery({ sort, limit: 5, cursor }),
              'all',
            ),
          );
          expect(page.totalCount).toBe(12);
          paged.push(...page.items.map(i => i.entityRef));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged).toEqual(all);
        expect(new Set(paged).size).toBe(12);
      },
    );

    it('still counts every match on a page past the last row', async () => {
      const store = await seed(databaseId);
      const { items } = await store.listPlans(
        { sort: 'name', limit: 100 },
        'all',
      );
      const last = items[items.length - 1].entityRef;
      const page = await store.listPlans(
        {
          sort: 'name',
          after: { sortValue: last.split('/')[1], entityRef: last },
        },
        'all',
      );
      expect(page.items).toEqual([]);
      expect(page.next).toBeUndefined();
      expect(page.totalCount).toBe(12);
    });

    it('counts facets over every matching project', async () => {
      const store = await seed(databaseId);
      const facets = await store.getFacets({}, 'all');
      expect(facets.totalCount).toBe(12);
      expect(facets.byStatus).toEqual({
        IN_PROGRESS: 3,
        COMPLETE: 3,
        DRAFT: 3,
        UNKNOWN: 3,
      });
      expect(facets.riskMatrix.high.high).toBe(6);
      expect(facets.byOwner).toEqual([
        {
          owner: 'group:default/marketing-data',
          count: 6,
          errors: 3,
          unmitigatedHighRisks: 0,
        },
        {
          owner: 'group:default/sales-analytics',
          count: 3,
          errors: 0,
          unmitigatedHighRisks: 3,
        },
        {
          owner: 'group:default/supply-chain-data',
          count: 3,
          errors: 0,
          unmitigatedHighRisks: 3,
        },
      ]);
      expect(facets.findings.error).toBe(3);
      expect(
        (
          await store.getFacets(
            { owner: ['group:default/sales-analytics'] },
            'all',
          )
        ).totalCount,
      ).toBe(3);
    });

    /** The seed and one more sales-orders project, its unmitigated risk waived by its text. */
    async function seedWithWaiver() {
      const store = await seed(databaseId);
      const plan = parsePlan(variants[0].text);
      const evaluation = applyWaivers(
        evaluatePlan(plan),
        [
          {
            index: 0,
            rule: 'unmitigated-risk',
            match: { risk: 'Late-arriving POS orders' },
            reason: 'Accepted until the feed is fixed',
            approvedBy: 'group:default/data-leads',
            expires: '2099-12-31',
          },
        ],
        { today: '2026-11-28' },
      );
      await store.saveResult({
        identity: {
          entityRef: 'component:default/waived',
          name: 'waived',
          owner: variants[0].owner,
        },
        source: {
          type: 'file',
          location: '/p/waived/PLAN.md',
          path: 'PLAN.md',
        },
        key: {
          contentHash: 'w'.repeat(64),
          parserVersion: 1,
          policyHash: 'p',
          policyName: 'default',
        },
        plan,
        evaluation,
        now: new Date(Date.UTC(2026, 10, 28, 11)),
      });
      return store;
    }

    it('counts the rules with active findings in the most matching visible projects', async () => {
      const store = await seedWithWaiver();
      const facets = await store.getFacets({}, 'all');
      // The waived project's unmitigated risk counts for nothing; its failed validation does.
      expect(facets.rules).toEqual([
        { rule: 'unmitigated-risk', severity: 'warning', projects: 6 },
        { rule: 'validation-failed', severity: 'warning', projects: 4 },
        { rule: 'placeholder', severity: 'warning', projects: 3 },
        { rule: 'unknown-dependency', severity: 'warning', projects: 3 },
        { rule: 'unknown-status', severity: 'error', projects: 3 },
      ]);
      expect(facets.waived).toBe(1);
      expect(
        (
          await store.getFacets(
            { owner: ['group:default/supply-chain-data'] },
            'all',
          )
        ).rules.map(r => [r.rule, r.projects]),
      ).toEqual([
        ['placeholder', 3],
        ['unknown-dependency', 3],
        ['unmitigated-risk', 3],
      ]);
      expect(
        (await store.getFacets({}, ['component:default/project-03'])).rules,
      ).toEqual([{ rule: 'unknown-status', severity: 'error', projects: 1 }]);
      expect((await store.getFacets({ waived: true }, 'all')).rules).toEqual([
        { rule: 'validation-failed', severity: 'warning', projects: 1 },
      ]);
    });

    it('filters by a rule with active findings, and by waived findings', async () => {
      const store = await seedWithWaiver();
      const names = async (request: object) =>
        (await store.listPlans({ sort: 'name', ...request }, 'all')).items.map(
          i => i.entityRef.split('/')[1],
        );
      expect(await names({ rule: 'unknown-status' })).toEqual([
        'project-03',
        'project-07',
        'project-11',
      ]);
      // Waived in the last project: it does not fire there.
      expect(await names({ rule: 'unmitigated-risk' })).not.toContain('waived');
      expect(await names({ rule: 'validation-failed' })).toContain('waived');
      expect(await names({ rule: 'no-such-rule' })).toEqual([]);
      expect(await names({ waived: true })).toEqual(['waived']);
      expect(
        await names({ rule: 'unmitigated-risk', owner: [variants[2].owner] }),
      ).toEqual(['project-02', 'project-06', 'project-10']);
      expect(
        (await store.getFacets({ rule: 'unknown-status' }, 'all')).totalCount,
      ).toBe(3);
    });

    /** The seed and one sales-orders project checked against its files: one orphan SQL file. */
    async function seedWithDrift() {
      const store = await seed(databaseId);
      const plan = parsePlan(variants[0].text);
      const report: RepositoryReport = {
        lineage: [],
        findings: [
          {
            severity: 'warning',
            rule: 'orphan-sql-file',
            message: 'src/raw/tables/old_orders.sql is named by no step',
            key: 'orphan-sql-file:src/raw/tables/old_orders.sql',
          },
        ],
        objects: [],
        orphans: ['src/raw/tables/old_orders.sql'],
        listing: { paths: 12, truncated: false },
        figures: {
          filesPlanned: 3,
          filesPresent: 3,
          unitTestCoverage: 2 / 3,
          unitTestCoverageByLayer: {},
          deployCoverage: 1,
          rollbackCoverage: null,
        },
      };
      await store.saveResult({
        identity: {
          entityRef: 'component:default/drifted',
          name: 'drifted',
          owner: variants[0].owner,
        },
        source: {
          type: 'file',
          location: '/p/drifted/PLAN.md',
          path: 'PLAN.md',
        },
        key: {
          contentHash: 'd'.repeat(64),
          parserVersion: 1,
          policyHash: 'p',
          policyName: 'default',
          repositoryHash: 'r'.repeat(64),
        },
        plan,
        evaluation: evaluateWithRules({ plan, policy: {}, repository: report }),
        now: new Date(Date.UTC(2026, 10, 28, 11)),
      });
      return store;
    }

    it('lists, filters, counts and keeps in the trend rows the drift of a checked project', async () => {
      const store = await seedWithDrift();
      const { items } = await store.listPlans({ drifted: true }, 'all');
      expect(items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/drifted',
          repository: {
            findings: 1,
            unitTestCoverage: 67,
            deployCoverage: 100,
          },
        }),
      ]);
      // A project never checked has no repository values at all, not zeros.
      const unchecked = (
        await store.listPlans({ text: 'Project 1', sort: 'name' }, 'all')
      ).items[0];
      expect(unchecked.repository).toBeUndefined();

      const facets = await store.getFacets({}, 'all');
      expect(facets.drifted).toBe(1);
      expect(facets.rules).toContainEqual({
        rule: 'orphan-sql-file',
        severity: 'warning',
        projects: 1,
      });
      expect((await store.getFacets({ drifted: true }, 'all')).totalCount).toBe(
        1,
      );
      expect(
        (await store.listPlans({ rule: 'orphan-sql-file' }, 'all')).items.map(
          i => i.entityRef,
        ),
      ).toEqual(['component:default/drifted']);

      const rows = await store.getTrendRows({ drifted: true }, 'all', {
        from: new Date(Date.UTC(2026, 10, 28)),
        until: new Date(Date.UTC(2026, 10, 29)),
      });
      expect(rows).toHaveLength(1);
      expect(rows[0].summary[HISTORY_COUNT_COLUMNS.drift]).toBe(1);
    });

    it('streams every matching project in list order, page after page', async () => {
      const store = await seed(databaseId, 30);
      const streamed: string[] = [];
      const pageSizes: number[] = [];
      for await (const page of store.streamPlans({ sort: 'name' }, 'all', 7)) {
        streamed.push(...page.map(p => p.entityRef));
        pageSizes.push(page.length);
      }
      expect(pageSizes).toEqual([7, 7, 7, 7, 2]);
      expect(new Set(streamed).size).toBe(30);
      expect(streamed).toEqual([...streamed].sort());
    });
  },
);
