import {} from '@backstage/backend-test-utils';
import {
  evaluatePlan,
  parsePlan,
  ROLLUP_LIMITS,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseDataPlanStore } from './DatabaseDataPlanStore';
import { OwnerGroup, ProjectIdentity } from './DataPlanStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);

const text = readFileSync(
  resolve(__dirname, '../../../../examples/data-projects/sales-orders/PLAN.md'),
  'utf8',
);
// The sample has one unmitigated high risk and no errors; complete with failing
// validation, it has an error.
const good = parsePlan(text);
const broken = parsePlan(text.replace('`IN_PROGRESS`', '`COMPLETE`'));
const now = new Date(Date.UTC(2026, 11, 1, 10));

const depths = (...refs: string[]): OwnerGroup[] =>
  refs.map((groupRef, depth) => ({ groupRef, depth }));

describe.each(databases.eachSupportedId())(
  'roll-ups and owner groups on %s',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDataPlanStore.create({
        database: { getClient: async () => knex },
        now: () => now,
      });
      const save = async (
        name: string,
        extra: Partial<ProjectIdentity>,
        plan = good,
      ) => {
        const identity = {
          entityRef: `component:default/${name}`,
          name,
          ...extra,
        };
        await store.saveResult({
          identity,
          source: {
            type: 'file',
            location: `/repo/${name}/PLAN.md`,
            path: 'PLAN.md',
          },
          key: {
            contentHash: name.padEnd(64, '0'),
            parserVersion: 1,
            policyHash: '0',
            policyName: 'default',
          },
          plan,
          evaluation: evaluatePlan(plan),
          now,
        });
        return identity;
      };
      return { knex, store, save };
    }

    it('stores owner groups, and rewrites only the projects whose groups changed', async () => {
      const { knex, store } = await setup();
      const groups = new Map([
        [
          'component:default/a',
          depths('group:default/sales', 'group:default/data-org'),
        ],
        ['component:default/b', depths('user:default/ada')],
        ['component:default/c', []],
      ]);
      expect(await store.saveOwnerGroups(groups)).toBe(2);
      const rows = () =>
        knex('data_plan_groups')
          .select('entity_ref', 'group_ref', 'depth')
          .orderBy(['entity_ref', 'depth']);
      const first = await rows();
      expect(first).toEqual([
        {
          entity_ref: 'component:default/a',
          group_ref: 'group:default/sales',
          depth: 0,
        },
        {
          entity_ref: 'component:default/a',
          group_ref: 'group:default/data-org',
          depth: 1,
        },
        {
          entity_ref: 'component:default/b',
          group_ref: 'user:default/ada',
          depth: 0,
        },
      ]);

      // The same groups in another order: nothing to write.
      const reordered = new Map([
        ['component:default/b', depths('user:default/ada')],
        [
          'component:default/a',
          [
            ...depths('group:default/sales', 'group:default/data-org'),
          ].reverse(),
        ],
      ]);
      const queries: string[] = [];
      const onQuery = (q: { sql: string }) => queries.push(q.sql);
      knex.on('query', onQuery);
      expect(await store.saveOwnerGroups(reordered)).toBe(0);
      knex.off('query', onQuery);
      expect(queries.filter(sql => !/^\s*select/i.test(sql))).toEqual([]);

      // The team moved under another parent; b left the catalog.
      expect(
        await store.saveOwnerGroups(
          new Map([
            [
              'component:default/a',
              depths('group:default/sales', 'group:default/commercial'),
            ],
          ]),
        ),
      ).toBe(2);
      expect(await rows()).toEqual([
        {
          entity_ref: 'component:default/a',
          group_ref: 'group:default/sales',
          depth: 0,
        },
        {
          entity_ref: 'component:default/a',
          group_ref: 'group:default/commercial',
          depth: 1,
        },
      ]);
    });

    it('rolls up by owner, system and group, worst first, with the metrics of the owner roll-up', async () => {
      const { store, save } = await setup();
      await save('orders', {
        owner: 'group:default/sales',
        system: 'system:default/commerce',
      });
      await save(
        'invoices',
        { owner: 'group:default/billing', system: 'system:default/commerce' },
        broken,
      );
      await save('churn', { owner: 'group:default/marketing' });
      await save('loose', {});
      await store.saveOwnerGroups(
        new Map([
          [
            'component:default/orders',
            depths('group:default/sales', 'group:default/data-org'),
          ],
          [
            'component:default/invoices',
            depths(
              'group:default/billing',
              'group:default/sales',
              'group:default/data-org',
            ),
          ],
          [
            'component:default/churn',
            depths('group:default/marketing', 'group:default/data-org'),
          ],
        ]),
      );

      expect(await store.getRollup('system', {}, 'all')).toEqual({
        by: 'system',
        rows: [
          {
            ref: 'system:default/commerce',
            count: 2,
            errors: 1,
            unmitigatedHighRisks: 2,
          },
          { ref: '', count: 2, errors: 0, unmitigatedHighRisks: 2 },
        ],
        totalRows: 2,
      });
      // Each group counts its own projects and those of every group under it.
      expect((await store.getRollup('group', {}, 'all')).rows).toEqual([
        {
          ref: 'group:default/data-org',
          count: 3,
          errors: 1,
          unmitigatedHighRisks: 3,
        },
        {
          ref: 'group:default/sales',
          count: 2,
          errors: 1,
          unmitigatedHighRisks: 2,
        },
        {
          ref: 'group:default/billing',
          count: 1,
          errors: 1,
          unmitigatedHighRisks: 1,
        },
        { ref: '', count: 1, errors: 0, unmitigatedHighRisks: 1 },
        {
          ref: 'group:default/marketing',
          count: 1,
          errors: 0,
          unmitigatedHighRisks: 1,
        },
      ]);
      expect((await store.getRollup('owner', {}, 'all')).rows[0]).toEqual({
        ref: 'group:default/billing',
        count: 1,
        errors: 1,
        unmitigatedHighRisks: 1,
      });

      // The same filters and visibility as the list.
      const visible = ['component:default/orders', 'component:default/churn'];
      expect((await store.getRollup('group', {}, visible)).rows).toEqual([
        {
          ref: 'group:default/data-org',
          count: 2,
          errors: 0,
          unmitigatedHighRisks: 2,
        },
        {
          ref: 'group:default/marketing',
          count: 1,
          errors: 0,
          unmitigatedHighRisks: 1,
        },
        {
          ref: 'group:default/sales',
          count: 1,
          errors: 0,
          unmitigatedHighRisks: 1,
        },
      ]);
      expect(
        (await store.getRollup('group', { severity: 'error' }, 'all')).rows.map(
          r => r.ref,
        ),
      ).toEqual([
        'group:default/billing',
        'group:default/data-org',
        'group:default/sales',
      ]);
    });

    it('filters the list, facets, export and roll-ups by system and by group with its descendants', async () => {
      const { store, save } = await setup();
      await save('orders', {
        owner: 'group:default/sales',
        system: 'system:default/commerce',
      });
      await save('invoices', { owner: 'group:default/billing' });
      await save('churn', {
        owner: 'group:default/marketing',
        system: 'system:default/crm',
      });
      await store.saveOwnerGroups(
        new Map([
          [
            'component:default/orders',
            depths('group:default/sales', 'group:default/data-org'),
          ],
          [
            'component:default/invoices',
            depths('group:default/billing', 'group:default/sales'),
          ],
          ['component:default/churn', depths('group:default/marketing')],
        ]),
      );
      const names = async (filters: object) =>
        (await store.listPlans({ ...filters, sort: 'name' }, 'all')).items.map(
          i => i.entityRef,
        );

      expect(await names({ system: 'system:default/commerce' })).toEqual([
        'component:default/orders',
      ]);
      expect(await names({ group: 'group:default/sales' })).toEqual([
        'component:default/invoices',
        'component:default/orders',
      ]);
      expect(await names({ group: 'group:default/billing' })).toEqual([
        'component:default/invoices',
      ]);
      expect(
        await names({
          group: 'group:default/sales',
          system: 'system:default/crm',
        }),
      ).toEqual([]);
      expect(
        (await store.getFacets({ group: 'group:default/data-org' }, 'all'))
          .totalCount,
      ).toBe(1);
      expect(
        (
          await store.getRollup(
            'system',
            { group: 'group:default/sales' },
            'all',
          )
        ).rows.map(r => [r.ref, r.count]),
      ).toEqual([
        ['', 1],
        ['system:default/commerce', 1],
      ]);
      const exported = [];
      for await (const page of store.streamPlans(
        { system: 'system:default/crm' },
        'all',
      )) {
        exported.push(...page.map(i => i.system));
      }
      expect(exported).toEqual(['system:default/crm']);
    });

    it('moves a project to its new system with its identity, and lists its system', async () => {
      const { store, save } = await setup();
      const identity = await save('orders', {
        owner: 'group:default/sales',
        system: 'system:default/commerce',
      });
      expect(await store.getRefreshState(identity.entityRef)).toMatchObject({
        system: 'system:default/commerce',
      });
      await store.markFresh({
        identity: { ...identity, system: 'system:default/billing' },
        source: {
          type: 'file',
          location: '/repo/orders/PLAN.md',
          path: 'PLAN.md',
        },
        now,
      });
      expect((await store.listPlans({}, 'all')).items[0].system).toBe(
        'system:default/billing',
      );
      expect(
        (await store.getRollup('system', {}, 'all')).rows.map(r => r.ref),
      ).toEqual(['system:default/billing']);
      expect(
        (await store.listPlans({ system: 'system:default/commerce' }, 'all'))
          .items,
      ).toEqual([]);
    });

    it('returns at most the row limit, worst first, and says how many there are', async () => {
      const { store, save } = await setup();
      await save('orders', { owner: 'group:default/sales' });
      const many = Array.from(
        { length: ROLLUP_LIMITS.maxRows + 5 },
        (_, i) => ({
          groupRef: `group:default/g${String(i).padStart(4, '0')}`,
          depth: i,
        }),
      );
      await store.saveOwnerGroups(
        new Map([['component:default/orders', many]]),
      );
      const rollup = await store.getRollup('group', {}, 'all');
      expect(rollup.totalRows).toBe(ROLLUP_LIMITS.maxRows + 5);
      expect(rollup.rows).toHaveLength(ROLLUP_LIMITS.maxRows);
      expect(rollup.rows[0].ref).toBe('group:default/g0000');
    });
  },
);
