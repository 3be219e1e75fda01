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

    const customer = await checked('customer-360');
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
});
