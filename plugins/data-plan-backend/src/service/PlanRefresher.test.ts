import {
  createMockDirectory,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PARSER_VERSION } from '@dataplan/plugin-data-plan-common';
import { cpSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseDataPlanStore } from '../database/DatabaseDataPlanStore';
import { DefaultPlanReader } from './PlanReader';
import { PlanRefresher } from './PlanRefresher';

const examples = resolve(__dirname, '../../../../examples/data-projects');
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

function project(
  name: string,
  root: string,
  extra: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${root}/${name}/catalog-info.yaml`,
      },
      ...extra,
    },
    spec: { type: 'data-project', owner: 'sales-analytics' },
  };
}

describe('PlanRefresher', () => {
  const root = createMockDirectory();

  async function setup(
    entities: Entity[],
    policy?: { highRiskScore: number },
    urlReader: UrlReaderService = mockServices.urlReader.mock(),
    // Generous, as in production: a busy machine can take long to read a file. Only the
    // test of a hanging read shortens it.
    readTimeoutMs = 30_000,
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseDataPlanStore.create({
      database: { getClient: async () => knex },
    });
    const reader = DefaultPlanReader.create({
      urlReader,
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [{ host: 'github.com' }] },
        }),
      ),
      planRoots: [root.path],
      maxPlanBytes: 1024 * 1024,
      readTimeoutMs,
    });
    const catalog = catalogServiceMock({ entities });
    const make = (p = policy) =>
      PlanRefresher.create({
        catalog,
        auth: mockServices.auth(),
        reader,
        store,
        logger: mockServices.logger.mock(),
        policy: p,
      });
    return { knex, store, catalog, make };
  }

  beforeEach(() => {
    root.clear();
    for (const name of ['sales-orders', 'customer-360', 'inventory-forecast']) {
      cpSync(`${examples}/${name}`, root.resolve(name), { recursive: true });
    }
  });

  const samples = () =>
    ['sales-orders', 'customer-360', 'inventory-forecast'].map(n =>
      project(n, root.path),
    );

  it('reads every data project once, then skips unchanged plans entirely', async () => {
    const service: Entity = {
      ...project('orders-api', root.path),
      spec: { type: 'service', owner: 'x' },
    };
    const { store, make } = await setup([...samples(), service]);
    const refresher = make();

    expect(await refresher.refreshAll()).toMatchObject({
      projects: 3,
      downloads: 3,
      parses: 3,
      writes: 3,
      errors: 0,
      deleted: 0,
    });
    const stored = await store.getProject('component:default/sales-orders');
    expect(stored).toMatchObject({
      name: 'sales-orders',
      owner: 'group:default/sales-analytics',
      source: { type: 'file', path: 'PLAN.md' },
    });
    expect(stored?.plan?.metadata.status).toBe('IN_PROGRESS');
    expect(stored?.evaluation?.deployOrder).toHaveLength(7);
    expect(
      await store.getProject('component:default/orders-api'),
    ).toBeUndefined();

    expect(await refresher.refreshAll()).toMatchObject({
      projects: 3,
      downloads: 0,
      parses: 0,
      evaluations: 0,
      writes: 0,
      errors: 0,
    });
  });

  it('re-parses only the plan that changed, and records the change in history', async () => {
    const { store, make } = await setup(samples());
    const refresher = make();
    await refresher.refreshAll();
    const file = root.resolve('sales-orders/PLAN.md');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('`IN_PROGRESS`', '`COMPLETE`'),
    );

    expect(await refresher.refreshAll()).toMatchObject({
      downloads: 1,
      parses: 1,
      writes: 1,
    });
    expect(
      (await store.getHistory('component:default/sales-orders')).map(
        h => h.status,
      ),
    ).toEqual(['IN_PROGRESS', 'COMPLETE']);
  });

  it('keeps the last good plan when a plan disappears, and shows the error', async () => {
    const { store, make } = await setup(samples());
    const refresher = make();
    await refresher.refreshAll();
    rmSync(root.resolve('customer-360/PLAN.md'));

    expect(await refresher.refreshAll()).toMatchObject({
      errors: 1,
      parses: 0,
    });
    const stored = await store.getProject('component:default/customer-360');
    expect(stored?.lastError).toMatch(
      /^InputError: .*customer-360\/PLAN\.md does not exist$/,
    );
    expect(stored?.plan?.metadata.status).toBe('COMPLETE');
  });

  it('refuses a plan path with .. and a plan outside the plan roots, and records why', async () => {
    const outside = createMockDirectory();
    outside.setContent({
      'elsewhere/PLAN.md': readFileSync(
        `${examples}/customer-360/PLAN.md`,
        'utf8',
      ),
    });
    const escape = project('escape', root.path);
    escape.metadata.annotations = {
      'backstage.io/managed-by-location': `file:${root.path}/sales-orders/catalog-info.yaml`,
      'dataplan/plan': '../customer-360/PLAN.md',
    };
    const elsewhere = project('elsewhere', outside.path);
    const { store, make } = await setup([escape, elsewhere]);

    expect(await make().refreshAll()).toMatchObject({
      errors: 2,
      downloads: 0,
    });
    expect(
      (await store.getProject('component:default/escape'))?.lastError,
    ).toMatch(
      /^NotAllowedError: Plan path '\.\.\/customer-360\/PLAN\.md' must be a relative path inside the entity's folder/,
    );
    expect(
      (await store.getProject('component:default/elsewhere'))?.lastError,
    ).toMatch(
      /^NotAllowedError: .* is outside the folders plans may be read from/,
    );
    expect(
      (await store.getProject('component:default/escape'))?.plan,
    ).toBeUndefined();
  });

  it('soft-deletes projects that left the catalog', async () => {
    const { store, catalog, make } = await setup(samples());
    await make().refreshAll();
    jest.spyOn(catalog, 'queryEntities').mockResolvedValueOnce({
      items: samples().slice(0, 2),
      pageInfo: {},
      totalItems: 2,
    });
    expect(await make().refreshAll()).toMatchObject({
      projects: 2,
      deleted: 1,
      writes: 0,
    });
    expect(
      (await store.getProject('component:default/inventory-forecast'))
        ?.deletedAt,
    ).toBeDefined();
    expect(
      await store.getHistory('component:default/inventory-forecast'),
    ).toHaveLength(1);
  });

  it('re-parses every plan once after a parser upgrade', async () => {
    const { knex, make } = await setup(samples());
    const refresher = make();
    await refresher.refreshAll();
    await knex('data_plan_projects').update({
      parser_version: PARSER_VERSION - 1,
    });
    expect(await refresher.refreshAll()).toMatchObject({
      downloads: 3,
      parses: 3,
      writes: 3,
    });
    expect(await refresher.refreshAll()).toMatchObject({
      downloads: 0,
      parses: 0,
      writes: 0,
    });
  });

  it('re-evaluates stored plans without reading them after a policy change', async () => {
    const { store, make } = await setup(samples());
    await make(undefined).refreshAll();
    const stats = await make({ highRiskScore: 9 }).refreshAll();
    expect(stats).toMatchObject({
      downloads: 0,
      parses: 0,
      evaluations: 3,
      writes: 3,
    });
    expect(
      (await store.getProject('component:default/sales-orders'))?.evaluation
        ?.risks.highRisks,
    ).toBe(1);
  });

  describe('faults of a URL source', () => {
    const planUrl = 'https://github.com/acme/orders/blob/main/PLAN.md';
    const urlProject: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'url-orders',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `url:https://github.com/acme/orders/blob/main/catalog-info.yaml`,
        },
      },
      spec: { type: 'data-project', owner: 'sales-analytics' },
    };
    const good = readFileSync(`${examples}/sales-orders/PLAN.md`, 'utf8');
    let behaviour: 'ok' | '404' | '500' | 'hang' | 'garbage' = 'ok';
    const urlReader = {
      readUrl: jest.fn(async (url: string) => {
        if (url !== planUrl.replace('/blob/', '/tree/')) {
          throw new Error(`unexpected URL ${url}`);
        }
        if (behaviour === '404') throw new NotFoundError(`${url} not found`);
        if (behaviour === '500')
          throw new Error('Request failed with 500 Internal Server Error');
        if (behaviour === 'hang') return new Promise<never>(() => {});
        const text =
          behaviour === 'garbage' ? '\u0000\u0001 not a plan at all' : good;
        return { buffer: async () => Buffer.from(text) };
      }),
      readTree: jest.fn(),
      search: jest.fn(),
    } as unknown as UrlReaderService;

    it('keeps the last good plan through 404, 500 and a timeout, shows each error, and recovers', async () => {
      const { store, make } = await setup(
        [urlProject],
        undefined,
        urlReader,
        100,
      );
      const refresher = make();
      const ref = 'component:default/url-orders';
      behaviour = 'ok';
      expect(await refresher.refreshAll()).toMatchObject({
        parses: 1,
        errors: 0,
      });

      for (const [fault, message] of [
        ['404', /^NotFoundError: .* not found$/],
        ['500', /^Error: Request failed with 500 Internal Server Error$/],
        [
          'hang',
          /^ServiceUnavailableError: Reading .* timed out after 100 ms$/,
        ],
      ] as const) {
        behaviour = fault;
        expect(await refresher.refreshAll()).toMatchObject({
          errors: 1,
          parses: 0,
        });
        const stored = await store.getProject(ref);
        expect(stored?.lastError).toMatch(message);
        expect(stored?.plan?.metadata.status).toBe('IN_PROGRESS');
      }

      behaviour = 'ok';
      await refresher.refreshAll();
      expect((await store.getProject(ref))?.lastError).toBeUndefined();
    });

    it('stores a malformed plan with its diagnostics rather than failing', async () => {
      const { store, make } = await setup([urlProject], undefined, urlReader);
      behaviour = 'garbage';
      expect(await make().refreshAll()).toMatchObject({
        parses: 1,
        errors: 0,
        writes: 1,
      });
      const stored = await store.getProject('component:default/url-orders');
      expect(stored?.plan?.diagnostics.map(d => d.rule)).toEqual([
        'not-a-plan',
      ]);
      expect(stored?.evaluation?.summary.counts.error).toBe(1);
    });
  });
});
