import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync, writeFileSync } from 'node:fs';
import request from 'supertest';
import {
  copySampleProject,
  dataProjectEntity,
} from './__testUtils__/sampleProjects';
import { dataPlanPlugin } from './plugin';

// Real backends on a busy machine: a budget of states waited for, not of time.
jest.setTimeout(120_000);

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

describe('the plan held against its repository', () => {
  const root = createMockDirectory();
  root.clear();
  copySampleProject(root, 'sales-orders');
  copySampleProject(root, 'customer-360');

  async function start() {
    const { server } = await startTestBackend({
      features: [
        dataPlanPlugin,
        catalogServiceMock.factory({
          entities: ['sales-orders', 'customer-360'].map(name =>
            dataProjectEntity(root, name),
          ),
        }),
        mockServices.rootConfig.factory({
          data: { dataPlan: { rootDir: root.path, planRoots: ['projects'] } },
        }),
      ],
    });
    const get = (path: string) =>
      request(server)
        .get(`/api/data-plan${path}`)
        .set('Authorization', mockCredentials.user.header());
    const refresh = (name: string) =>
      request(server)
        .post(
          `/api/data-plan/plans/by-entity/component/default/${name}/refresh`,
        )
        .set('Authorization', mockCredentials.user.header());
    /** The plan of `name` once its repository check has been evaluated with it. */
    const checked = (
      name: string,
      until: (body: any) => boolean = () => true,
    ) =>
      eventually(`the repository check of ${name}`, async () => {
        const response = await get(
          `/plans/by-entity/component/default/${name}`,
        );
        return response.status === 200 &&
          response.body.repository &&
          until(response.body)
          ? response.body
          : undefined;
      });
    return { get, refresh, checked };
  }

  it('checks a plan read for the first time, and evaluates it with what it found', async () => {
    const { get, refresh, checked } = await start();
    expect((await refresh('sales-orders')).status).toBe(200);
    expect((await refresh('customer-360')).status).toBe(200);

    const sales = await checked('sales-orders');
    expect(sales.repository.orphans).toEqual([
      'src/consumption/views/weekly_sales.sql',
    ]);
    const rules = (sales.diagnostics as Array<{ rule: string }>).map(
      f => f.rule,
    );
    expect(rules.filter(rule => rule === 'orphan-sql-file')).toHaveLength(1);
    // The task's SQL only calls LOAD_ORDERS: ORDERS_CLEAN, which the plan lists, is unused.
    expect(rules.filter(rule => rule.startsWith('sql-'))).toEqual([
      'sql-unused-dependency',
    ]);
    const task = (sales.repository.lineage as any[]).find(
      l => l.object === 'SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK',
    );
    expect(task).toMatchObject({ understood: true, unused: ['ORDERS_CLEAN'] });

    const customer = await checked('customer-360');
    // Every planned object's SQL uses what its Dependencies list, and nothing else.
    expect(
      (customer.repository.lineage as any[]).map(l => [
        l.object,
        l.understood,
        l.uses.map((u: any) => u.planned),
        l.undeclared,
        l.unused,
      ]),
    ).toEqual([
      ['MKT_DB.RAW.CRM_CONTACTS', true, [], [], []],
      ['MKT_DB.RAW.WEB_EVENTS', true, [], [], []],
      [
        'MKT_DB.TRANSFORM.CUSTOMER_PROFILE',
        true,
        ['object:MKT_DB.RAW.CRM_CONTACTS', 'object:MKT_DB.RAW.WEB_EVENTS'],
        [],
        [],
      ],
      [
        'MKT_DB.ANALYTICS.CUSTOMER_360',
        true,
        ['object:MKT_DB.TRANSFORM.CUSTOMER_PROFILE'],
        [],
        [],
      ],
      [
        'MKT_DB.TRANSFORM.NIGHTLY_PROFILE_TASK',
        true,
        ['object:MKT_DB.TRANSFORM.CUSTOMER_PROFILE'],
        [],
        [],
      ],
    ]);
    expect(
      (customer.diagnostics as Array<{ rule: string }>).filter(f =>
        f.rule.startsWith('sql-'),
      ),
    ).toEqual([]);
    expect(customer.repository.figures).toMatchObject({
      unitTestCoverage: 1,
      deployCoverage: 1,
      rollbackCoverage: 1,
    });

    const list = await get('/plans');
    const byName = Object.fromEntries(
      (list.body.items as any[]).map(item => [item.entityRef, item]),
    );
    expect(byName['component:default/sales-orders'].repository).toMatchObject({
      findings: 1,
    });
    expect(byName['component:default/customer-360'].repository).toMatchObject({
      findings: 0,
      unitTestCoverage: 100,
      deployCoverage: 100,
      rollbackCoverage: 100,
    });
  });

  it('checks a changed plan again, and a file added since shows as drift', async () => {
    const { refresh, checked } = await start();
    expect((await refresh('sales-orders')).status).toBe(200);
    await checked('sales-orders');
    writeFileSync(
      root.resolve('projects/sales-orders/src/raw/tables/stray.sql'),
      'CREATE TABLE STRAY (ID INT);',
    );
    // The plan changes too: its check runs again at once, not at the next hour.
    const plan = root.resolve('projects/sales-orders/PLAN.md');
    writeFileSync(plan, `${readFileSync(plan, 'utf8')}\n`);
    expect((await refresh('sales-orders')).status).toBe(200);
    const again = await checked('sales-orders', body =>
      body.repository.orphans.includes('src/raw/tables/stray.sql'),
    );
    expect(again.repository.orphans).toContain(
      'src/consumption/views/weekly_sales.sql',
    );
  });

  it('reports SQL that uses a planned object its Dependencies do not list, as drift', async () => {
    const { refresh, checked, get } = await start();
    const view = root.resolve(
      'projects/customer-360/src/consumption/views/customer_360.sql',
    );
    writeFileSync(
      view,
      readFileSync(view, 'utf8').replace(
        'FROM MKT_DB.TRANSFORM.CUSTOMER_PROFILE;',
        [
          '-- JOIN MKT_DB.RAW.CRM_CONTACTS is a comment, not a use',
          'FROM MKT_DB.TRANSFORM.CUSTOMER_PROFILE p',
          'JOIN MKT_DB.RAW.WEB_EVENTS w ON w.EMAIL = p.EMAIL;',
        ].join('\n'),
      ),
    );
    const plan = root.resolve('projects/customer-360/PLAN.md');
    writeFileSync(plan, `${readFileSync(plan, 'utf8')}\n`);
    expect((await refresh('customer-360')).status).toBe(200);
    const customer = await checked('customer-360', body =>
      body.repository.lineage.some((l: any) => l.undeclared.length > 0),
    );
    const found = (customer.diagnostics as any[]).filter(f =>
      f.rule.startsWith('sql-'),
    );
    expect(found.map(f => [f.rule, f.severity])).toEqual([
      ['sql-undeclared-dependency', 'warning'],
    ]);
    expect(customer.repository.lineage[3].undeclared).toEqual([
      {
        name: expect.objectContaining({ key: 'MKT_DB.RAW.WEB_EVENTS' }),
        clause: 'join',
        line: 5,
        planned: 'object:MKT_DB.RAW.WEB_EVENTS',
      },
    ]);
    const list = await get('/plans');
    const item = (list.body.items as any[]).find(
      i => i.entityRef === 'component:default/customer-360',
    );
    expect(item.repository.findings).toBe(1);
  });
});
