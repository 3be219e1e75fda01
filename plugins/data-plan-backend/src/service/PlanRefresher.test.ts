import { PlanRuleSet } from './evaluateWithRules';
import {
  createMockDirectory,
  mockServices,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  evaluatePlan,
  hashPolicy,
  parsePlan,
  PARSER_VERSION,
  WaiverFile,
} from '@dataplan/plugin-data-plan-common';
import {
  cpSync,
  mkdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { largePlan } from '../__testUtils__/largePlan';
import { Readable } from 'node:stream';
import { DatabaseDataPlanStore } from '../database/DatabaseDataPlanStore';
import { PlanParser } from './parsing/PlanParser';
import { WorkerPlanParser } from './parsing/WorkerPlanParser';
import { DefaultPlanReader } from './PlanReader';
import { DefaultPlanRefresher } from './PlanRefresher';
import { ConfigPlanPolicies, PlanPolicies } from './policy/PlanPolicies';
import { createTestDatabases } from '../__testUtils__/testDatabases';

/** The waiver file beside a plan; the sample projects have none. */
const WAIVERS = '/.dataplan/waivers.yaml';
const examples = resolve(__dirname, '../../../../examples/data-projects');
const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);

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
  const parser = WorkerPlanParser.create({ maxThreads: 1 });
  afterAll(() => parser.close());

  async function setup(
    entities: Entity[],
    options: {
      urlReader?: UrlReaderService;
      databaseId?: TestDatabaseId;
      /** Short only where every read but a hanging one answers from memory. */
      readTimeoutMs?: number;
    } = {},
  ) {
    const {
      urlReader = mockServices.urlReader.mock(),
      databaseId = 'SQLITE_3',
      readTimeoutMs = 600_000,
    } = options;
    const knex = await databases.init(databaseId);
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
    const logger = mockServices.logger.mock();
    const make = (
      planParser: PlanParser = parser,
      publishIntervalMs?: number,
      policies?: PlanPolicies,
      rules?: PlanRuleSet,
      now?: () => Date,
    ) =>
      DefaultPlanRefresher.create({
        catalog,
        auth: mockServices.auth(),
        reader,
        parser: planParser,
        store,
        logger,
        publishIntervalMs,
        policies,
        rules,
        now,
      });
    return { knex, store, catalog, logger, reader, make };
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
      ownerGroupWrites: 0,
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

  it('keeps the last good plan when a parse runs out of its time budget, and shows the error', async () => {
    // A 1 MB plan takes a while to read on a busy machine.
    const { store, make } = await setup(samples(), { readTimeoutMs: 60_000 });
    await make().refreshAll();
    const ref = 'component:default/sales-orders';
    const good = await store.getProject(ref);
    writeFileSync(root.resolve('sales-orders/PLAN.md'), largePlan());
    const hasty: PlanParser = {
      parse: (text, options) =>
        parser.parse(text, { ...options, timeoutMs: 1 }),
    };

    const hastyRefresher = make(hasty);
    expect(await hastyRefresher.refreshAll()).toMatchObject({
      parses: 1,
      errors: 1,
    });
    // The same text does not take the pool's time again in this process.
    expect(await hastyRefresher.refreshAll()).toMatchObject({
      downloads: 0,
      parses: 0,
      errors: 1,
    });
    const stored = await store.getProject(ref);
    expect(stored?.lastError).toBe(
      'InputError: parse-timeout: Parsing the plan took longer than 1 ms',
    );
    expect(stored?.plan).toEqual(good?.plan);
    expect(stored?.evaluation).toEqual(good?.evaluation);
    expect(stored?.plan?.metadata.status).toBe('IN_PROGRESS');

    // A new process (with time enough, say) tries the same text once more: the new truth.
    expect(await make().refreshAll()).toMatchObject({ parses: 1, errors: 0 });
    const recovered = await store.getProject(ref);
    expect(recovered?.lastError).toBeUndefined();
    expect(recovered?.plan?.metadata.status).toBe('COMPLETE');
  }, 60_000);

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

  describe('systems and owner groups', () => {
    const group = (name: string, parent?: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
    });
    const owned = (name: string, owner: string, system?: string): Entity => {
      const entity = project(name, root.path);
      return {
        ...entity,
        spec: { ...entity.spec, owner, ...(system ? { system } : {}) },
      };
    };

    it.each(databases.eachSupportedId())(
      'stores each project’s system and the groups above its owner, then writes nothing while they stay (%s)',
      async databaseId => {
        const { knex, store, catalog, make } = await setup(
          [
            owned('sales-orders', 'sales-analytics', 'Commerce'),
            owned('customer-360', 'user:ada'),
            owned('inventory-forecast', 'group:default/lost-team'),
            group('sales-analytics', 'analytics'),
            group('analytics', 'data-org'),
            group('data-org'),
            // A cycle in the org hierarchy ends the walk where it comes back.
            group('loop-a', 'loop-b'),
            group('loop-b', 'loop-a'),
          ],
          { databaseId },
        );
        const groupsOf = async () => {
          const rows = await knex('data_plan_groups')
            .select('entity_ref', 'group_ref', 'depth')
            .orderBy(['entity_ref', 'depth']);
          const byProject: Record<string, string[]> = {};
          for (const row of rows) {
            (byProject[row.entity_ref] ??= []).push(row.group_ref);
          }
          return byProject;
        };
        const queryEntities = jest.spyOn(catalog, 'queryEntities');

        expect(await make().refreshAll()).toMatchObject({
          projects: 3,
          ownerGroupWrites: 2,
        });
        // One query for the projects and one for the groups, not one per project.
        expect(queryEntities).toHaveBeenCalledTimes(2);
        expect(queryEntities.mock.calls[1][0]).toMatchObject({
          filter: { kind: 'group' },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'spec.parent',
          ],
        });
        expect(await groupsOf()).toEqual({
          'component:default/sales-orders': [
            'group:default/sales-analytics',
            'group:default/analytics',
            'group:default/data-org',
          ],
          // A group the catalog does not have: only itself; a user is in no group.
          'component:default/inventory-forecast': ['group:default/lost-team'],
        });
        expect(
          (await store.getProject('component:default/sales-orders'))?.system,
        ).toBe('system:default/commerce');
        expect(
          (await store.getRollup('group', {}, 'all')).rows.find(
            r => r.ref === 'group:default/data-org',
          ),
        ).toMatchObject({ count: 1 });

        expect(await make().refreshAll()).toMatchObject({
          writes: 0,
          ownerGroupWrites: 0,
        });

        // The team moves into the loop, the project to another system: those two write.
        const moved = [
          owned('sales-orders', 'sales-analytics', 'system:default/billing'),
          owned('customer-360', 'user:ada'),
          owned('inventory-forecast', 'group:default/lost-team'),
        ];
        const groups = [
          group('sales-analytics', 'loop-a'),
          group('loop-a', 'loop-b'),
          group('loop-b', 'loop-a'),
        ];
        queryEntities.mockImplementation(async request =>
          'filter' in request! &&
          request.filter &&
          !Array.isArray(request.filter)
            ? { items: groups, pageInfo: {}, totalItems: groups.length }
            : { items: moved, pageInfo: {}, totalItems: moved.length },
        );
        expect(await make().refreshAll()).toMatchObject({
          writes: 1,
          ownerGroupWrites: 1,
        });
        expect((await groupsOf())['component:default/sales-orders']).toEqual([
          'group:default/sales-analytics',
          'group:default/loop-a',
          'group:default/loop-b',
        ]);
        expect(
          (await store.listPlans({ system: 'system:default/billing' }, 'all'))
            .items,
        ).toHaveLength(1);
        expect(await make().refreshAll()).toMatchObject({
          writes: 0,
          ownerGroupWrites: 0,
        });
      },
    );

    it('keeps the stored groups when the catalog cannot give the groups, and says why', async () => {
      const { knex, catalog, logger, make } = await setup([
        owned('sales-orders', 'sales-analytics'),
        group('sales-analytics', 'data-org'),
        group('data-org'),
      ]);
      await make().refreshAll();
      const original = catalog.queryEntities.bind(catalog);
      jest
        .spyOn(catalog, 'queryEntities')
        .mockImplementation(async (request, options) => {
          if (
            request &&
            'filter' in request &&
            request.filter &&
            !Array.isArray(request.filter)
          ) {
            throw new Error('catalog down');
          }
          return original(request, options);
        });
      expect(await make().refreshAll()).toMatchObject({
        errors: 0,
        ownerGroupWrites: 0,
      });
      expect(
        Number((await knex('data_plan_groups').count({ n: '*' }))[0].n),
      ).toBe(2);
      expect(logger.error).toHaveBeenCalledWith(
        'Could not store the owner groups of data projects: Error: catalog down',
      );
    });
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

  it('re-evaluates stored plans evaluated under another policy without reading them', async () => {
    const { knex, store, make } = await setup(samples());
    await make().refreshAll();
    await knex('data_plan_projects').update({
      policy_hash: hashPolicy({ highRiskScore: 9 }),
    });
    const stats = await make().refreshAll();
    expect(stats).toMatchObject({
      downloads: 0,
      parses: 0,
      evaluations: 3,
      writes: 3,
    });
    expect(
      (await store.getRefreshState('component:default/sales-orders'))
        ?.policyHash,
    ).toBe(hashPolicy());
  });

  it('reads the stored plans a policy change evaluates again a page at a time, and writes them in batches', async () => {
    const { knex, store, make } = await setup(samples());
    await make().refreshAll();
    await knex('data_plan_projects').update({ policy_hash: 'another' });
    const getProject = jest.spyOn(store, 'getProject');
    const getStoredPlans = jest.spyOn(store, 'getStoredPlans');
    const saveResult = jest.spyOn(store, 'saveResult');
    const saveResults = jest.spyOn(store, 'saveResults');

    expect(await make().refreshAll()).toMatchObject({
      downloads: 0,
      parses: 0,
      evaluations: 3,
      writes: 3,
    });
    expect(getProject).not.toHaveBeenCalled();
    expect(getStoredPlans).toHaveBeenCalledTimes(1);
    expect(saveResult).not.toHaveBeenCalled();
    expect(
      saveResults.mock.calls
        .flatMap(([results]) => results.map(r => r.identity.name))
        .sort(),
    ).toEqual(['customer-360', 'inventory-forecast', 'sales-orders']);
  });

  it('evaluates again, without reading, a result whose custom rules ran over their budget', async () => {
    const { store, make } = await setup(samples());
    // A rule on a busy machine: each check takes "a second" of a clock the test moves.
    let clock = 0;
    let slow = true;
    const ruleSet: PlanRuleSet = {
      budgetMs: 500,
      now: () => clock,
      rules: [
        {
          id: 'always-says-hi',
          title: 'Says hi',
          defaultSeverity: 'info',
          version: 1,
          check: () => {
            if (slow) clock += 1000;
            return [{ message: 'hi' }];
          },
        },
      ],
    };
    const rulesOf = async () =>
      (
        await store.getProject('component:default/sales-orders')
      )?.evaluation?.findings.map(f => f.rule);
    await make(parser, undefined, undefined, ruleSet).refreshAll();
    expect(await rulesOf()).toContain('rules-over-budget');

    slow = false;
    expect(
      await make(parser, undefined, undefined, ruleSet).refreshAll(),
    ).toMatchObject({ downloads: 0, parses: 0, evaluations: 3, writes: 3 });
    expect(await rulesOf()).toContain('always-says-hi');
    expect(await rulesOf()).not.toContain('rules-over-budget');
    // In budget now: kept as it is.
    expect(
      await make(parser, undefined, undefined, ruleSet).refreshAll(),
    ).toMatchObject({ evaluations: 0, writes: 0 });
  });

  describe("under the organisation's policy", () => {
    // Every risk with a score counts as high under this policy; none does by default.
    const strict = { name: 'production', policy: { highRiskScore: 1 } };
    const policies = (scoped: boolean) =>
      ConfigPlanPolicies.create({
        default: {},
        scopes: scoped
          ? [
              {
                name: strict.name,
                match: { lifecycle: 'production' },
                policy: strict.policy,
              },
            ]
          : [],
      });
    const highRisks = async (
      store: Awaited<ReturnType<typeof setup>>['store'],
      name: string,
    ) =>
      (await store.getProject(`component:default/${name}`))?.evaluation?.risks
        .highRisks;

    it('evaluates each project under the first scope its catalog fields match', async () => {
      const entities = samples();
      entities[0].spec = { ...entities[0].spec, lifecycle: 'Production' };
      const { store, make } = await setup(entities);
      await make(parser, undefined, policies(true)).refreshAll();
      const strictHigh = await highRisks(store, 'sales-orders');
      expect(strictHigh).toBeGreaterThan(0);
      expect(
        (await store.getRefreshState('component:default/sales-orders'))
          ?.policyHash,
      ).toBe(hashPolicy(strict.policy));
      expect(
        (await store.getRefreshState('component:default/customer-360'))
          ?.policyHash,
      ).toBe(hashPolicy({}));
      const policyOf = async (name: string) =>
        (await store.getProject(`component:default/${name}`))?.policyName;
      expect(await policyOf('sales-orders')).toBe('production');
      expect(await policyOf('customer-360')).toBe('default');
    });

    it('re-evaluates under a scope that holds the same policy by another name, reading nothing', async () => {
      const entities = samples().map(entity => ({
        ...entity,
        spec: { ...entity.spec, lifecycle: 'production' },
      }));
      const { store, make } = await setup(entities);
      // The scope's policy is the default's: same hash, another name.
      const same = ConfigPlanPolicies.create({
        scopes: [
          {
            name: 'production',
            match: { lifecycle: 'production' },
            policy: {},
          },
        ],
      });
      await make(parser).refreshAll();
      expect(await make(parser, undefined, same).refreshAll()).toMatchObject({
        downloads: 0,
        parses: 0,
        evaluations: 3,
        writes: 3,
      });
      expect(
        (await store.getProject('component:default/sales-orders'))?.policyName,
      ).toBe('production');
    });

    it('re-evaluates every stored plan when the policy changes, reading none', async () => {
      const entities = samples().map(entity => ({
        ...entity,
        spec: { ...entity.spec, lifecycle: 'production' },
      }));
      const { store, make } = await setup(entities);
      await make(parser, undefined, policies(false)).refreshAll();
      const before = await highRisks(store, 'sales-orders');
      const stats = await make(parser, undefined, policies(true)).refreshAll();
      expect(stats).toMatchObject({
        downloads: 0,
        parses: 0,
        evaluations: 3,
        writes: 3,
      });
      expect(await highRisks(store, 'sales-orders')).toBeGreaterThan(before!);
      // Nothing changed since: nothing to do.
      expect(
        await make(parser, undefined, policies(true)).refreshAll(),
      ).toMatchObject({ downloads: 0, parses: 0, evaluations: 0, writes: 0 });
    });

    it("stores when each plan becomes stuck under its policy's limit for its status", async () => {
      const { knex, make } = await setup(samples());
      const limited = ConfigPlanPolicies.create({
        default: { stuckAfterDays: { IN_PROGRESS: 30 } },
      });
      await make(parser, undefined, limited).refreshAll();
      const rows = await knex('data_plan_projects')
        .select('name', 'status', 'status_since', 'stuck_from')
        .orderBy('name');
      const day = 86_400_000;
      const time = (value: unknown) =>
        value === null ? null : new Date(value as string).getTime();
      // Stuck from the start of the 31st day after the day IN_PROGRESS began; others never.
      expect(rows.map(row => time(row.stuck_from))).toEqual(
        rows.map(row =>
          row.status === 'IN_PROGRESS'
            ? (Math.floor(time(row.status_since)! / day) + 31) * day
            : null,
        ),
      );
      expect(rows.some(row => row.status === 'IN_PROGRESS')).toBe(true);
    });

    it('re-evaluates a project whose match changes, and only that one', async () => {
      const entities = samples();
      const { store, make } = await setup(entities);
      const refresher = make(parser, undefined, policies(true));
      await refresher.refreshAll();
      entities[1].spec = { ...entities[1].spec, lifecycle: 'production' };
      expect(await refresher.refreshAll()).toMatchObject({
        downloads: 0,
        parses: 0,
        evaluations: 1,
        writes: 1,
      });
      expect(await highRisks(store, 'customer-360')).toBeGreaterThan(0);
    });
  });

  it('refreshes one entity from its own row, one read at a time', async () => {
    const { store, reader, make } = await setup(samples());
    const refresher = make();
    const [salesOrders] = samples();
    const allStates = jest.spyOn(store, 'getRefreshStates');
    const oneState = jest.spyOn(store, 'getRefreshState');
    let release!: () => void;
    const gate = new Promise<void>(settle => {
      release = settle;
    });
    let reading!: () => void;
    const readStarted = new Promise<void>(settle => {
      reading = settle;
    });
    const read = reader.read.bind(reader);
    const reads = jest
      .spyOn(reader, 'read')
      .mockImplementation(async (...args) => {
        reading();
        await gate;
        return read(...args);
      });

    const outcomes = Promise.all(
      [1, 2, 3].map(() => refresher.refreshEntity(salesOrders)),
    );
    await readStarted;
    release();
    expect(await outcomes).toEqual(['written', 'written', 'written']);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(oneState).toHaveBeenCalledTimes(1);
    expect(oneState).toHaveBeenCalledWith('component:default/sales-orders');
    expect(allStates).not.toHaveBeenCalled();

    // Once that read is done, the next request reads again.
    await expect(refresher.refreshEntity(salesOrders)).resolves.toBe(
      'unchanged',
    );
    expect(reads).toHaveBeenCalledTimes(2);
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
    /** While set, every read waits for it. */
    let held: Promise<void> | undefined;
    const urlReader = {
      readUrl: jest.fn(async (url: string) => {
        await held;
        if (url.endsWith(WAIVERS)) throw new NotFoundError(`${url} not found`);
        if (url !== planUrl.replace('/blob/', '/tree/')) {
          throw new Error(`unexpected URL ${url}`);
        }
        if (behaviour === '404') throw new NotFoundError(`${url} not found`);
        if (behaviour === '500')
          throw new Error('Request failed with 500 Internal Server Error');
        if (behaviour === 'hang') return new Promise<never>(() => {});
        const text =
          behaviour === 'garbage' ? '\u0001 not a plan at all' : good;
        return { buffer: async () => Buffer.from(text) };
      }),
      readTree: jest.fn(),
      search: jest.fn(),
    } as unknown as UrlReaderService;

    it('keeps the last good plan through 404, 500 and a timeout, shows each error, and recovers', async () => {
      const { store, make } = await setup([urlProject], {
        urlReader,
        readTimeoutMs: 1000,
      });
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
          /^ServiceUnavailableError: Reading .* timed out after 1000 ms$/,
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

    it('publishes a cycle’s writes to the list while a slow read still holds the cycle', async () => {
      const { store, make } = await setup([urlProject, ...samples()], {
        urlReader,
      });
      behaviour = 'ok';
      let release!: () => void;
      held = new Promise<void>(done => {
        release = done;
      });
      try {
        const cycle = make(parser, 10).refreshAll();
        const listed = async () =>
          (await store.listPlans({ sort: 'name' }, 'all')).totalCount;
        // The three file plans reach the list before the held read ends the cycle.
        while ((await listed()) < 3) {
          await new Promise(next => setImmediate(next));
        }
        expect(urlReader.readUrl).toHaveBeenCalled();
        release();
        expect(await cycle).toMatchObject({ writes: 4, errors: 0 });
        expect(await listed()).toBe(4);
      } finally {
        release();
        held = undefined;
      }
    });

    it('refuses a document that is no plan, without storing it', async () => {
      const { store, make } = await setup([urlProject], {
        urlReader,
        readTimeoutMs: 1000,
      });
      behaviour = 'garbage';
      expect(await make().refreshAll()).toMatchObject({
        parses: 1,
        errors: 1,
        writes: 1,
      });
      const stored = await store.getProject('component:default/url-orders');
      expect(stored?.lastError).toMatch(
        /^InputError: PLAN\.md is not a plan: No plan sections found/,
      );
      expect(stored?.plan).toBeUndefined();
    });

    it('asks for no repository check and lists no tree in a cycle of unchanged plans', async () => {
      // A host that answers the plan's ETag with NotModified, as GitHub does.
      const etagReader = {
        readUrl: jest.fn(async (url: string, options?: { etag?: string }) => {
          if (url.endsWith(WAIVERS))
            throw new NotFoundError(`${url} not found`);
          if (options?.etag === 'plan-etag') throw new NotModifiedError();
          return { buffer: async () => Buffer.from(good), etag: 'plan-etag' };
        }),
        readTree: jest.fn(),
        search: jest.fn(),
      } as unknown as UrlReaderService;
      const { store, catalog, logger, reader } = await setup([urlProject], {
        urlReader: etagReader,
      });
      // The plugin's only way from a refresh to the repository checker.
      const onPlanChanged = jest.fn();
      const refresher = DefaultPlanRefresher.create({
        catalog,
        auth: mockServices.auth(),
        reader,
        parser,
        store,
        logger,
        onPlanChanged,
      });
      expect(await refresher.refreshAll()).toMatchObject({ parses: 1 });
      expect(onPlanChanged).toHaveBeenCalledTimes(1);
      onPlanChanged.mockClear();

      expect(await refresher.refreshAll()).toMatchObject({
        downloads: 0,
        parses: 0,
        writes: 0,
        errors: 0,
      });
      expect(onPlanChanged).not.toHaveBeenCalled();
      expect(etagReader.search).not.toHaveBeenCalled();
      expect(etagReader.readTree).not.toHaveBeenCalled();
    });
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const long = 'x'.repeat(10_000);

    it('stores projects with 10 KB fields, and still refreshes the others and soft-deletes', async () => {
      cpSync(`${examples}/sales-orders`, root.resolve('departed'), {
        recursive: true,
      });
      const versionFile = root.resolve('inventory-forecast/PLAN.md');
      writeFileSync(
        versionFile,
        readFileSync(versionFile, 'utf8').replace('`1.0.0`', `\`${long}\``),
      );
      const [salesOrders, customer360, inventory] = samples();
      const hostile = [
        {
          ...salesOrders,
          metadata: { ...salesOrders.metadata, title: `${long}\u0000` },
        },
        { ...customer360, spec: { type: 'data-project', owner: long } },
        inventory,
        project('long-path', root.path, {
          annotations: {
            'backstage.io/managed-by-location': `file:${root.path}/sales-orders/catalog-info.yaml`,
            'dataplan/plan': `${'a/'.repeat(5000)}PLAN.md`,
          },
        }),
      ];
      const { store, catalog, make } = await setup(
        [...samples(), project('departed', root.path)],
        { databaseId },
      );
      const refresher = make();
      await refresher.refreshAll();
      jest.spyOn(catalog, 'queryEntities').mockResolvedValue({
        items: hostile,
        pageInfo: {},
        totalItems: hostile.length,
      });

      await expect(refresher.refreshAll()).resolves.toMatchObject({
        projects: 4,
        errors: 1,
        deleted: 1,
      });
      const ref = (name: string) => `component:default/${name}`;
      expect((await store.getProject(ref('sales-orders')))?.title).toBe(
        `${long}\uFFFD`,
      );
      const owner = (await store.getProject(ref('customer-360')))?.owner;
      expect(owner).toHaveLength(255);
      expect(`group:default/${long}`.startsWith(owner!)).toBe(true);
      expect(
        (await store.getProject(ref('inventory-forecast')))?.plan?.metadata
          .planVersion,
      ).toBe(long);
      const longPath = await store.getProject(ref('long-path'));
      expect(longPath?.source?.path).toBe(`${'a/'.repeat(5000)}PLAN.md`);
      expect(longPath?.lastError?.startsWith('InputError: ')).toBe(true);
      expect(longPath?.lastError).toHaveLength(4000);
      expect(
        (await store.getProject(ref('departed')))?.deletedAt,
      ).toBeDefined();
    });

    describe('a read that is not a plan', () => {
      const ref = 'component:default/url-orders';
      const urlEntity: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'url-orders',
          namespace: 'default',
          annotations: {
            'backstage.io/managed-by-location':
              'url:https://github.com/acme/orders/blob/main/catalog-info.yaml',
          },
        },
        spec: { type: 'data-project', owner: 'sales-analytics' },
      };
      const good = readFileSync(`${examples}/sales-orders/PLAN.md`, 'utf8');
      const notes = 'Meeting notes\n\n- ask about the forecast\n';
      /** What the source serves: bytes under an ETag of their hash, or a stream. */
      type Served = { bytes: Buffer } | { stream: () => Readable };
      let served: Served = { bytes: Buffer.from(good) };
      const urlReader = {
        readUrl: jest.fn(async (url: string, options?: { etag?: string }) => {
          if (url.endsWith(WAIVERS))
            throw new NotFoundError(`${url} not found`);
          if ('stream' in served) {
            const stream = served.stream;
            return { buffer: async () => Buffer.alloc(0), stream };
          }
          const bytes = served.bytes;
          const etag = `"${createHash('sha256').update(bytes).digest('hex')}"`;
          if (options?.etag === etag) throw new NotModifiedError();
          return { buffer: async () => bytes, etag };
        }),
        readTree: jest.fn(),
        search: jest.fn(),
      } as unknown as UrlReaderService;

      /** A refresher whose project was read once, from the good plan. */
      async function withGoodPlan() {
        served = { bytes: Buffer.from(good) };
        const context = await setup([urlEntity], { urlReader, databaseId });
        const refresher = context.make();
        expect(await refresher.refreshAll()).toMatchObject({
          writes: 1,
          errors: 0,
        });
        const before = await context.store.getProject(ref);
        expect(before?.plan?.metadata.status).toBe('IN_PROGRESS');
        return { ...context, refresher, before: before! };
      }

      it.each<[string, Served, RegExp]>([
        ['an empty file', { bytes: Buffer.alloc(0) }, / is empty$/],
        [
          'a binary file',
          { bytes: Buffer.from(good.replace('## 1.', '\u0000## 1.')) },
          / is binary, not a plan: it has a NUL byte$/,
        ],
        [
          'text that is not UTF-8',
          {
            // A Latin-1 é in the middle of UTF-8 text.
            bytes: Buffer.concat([
              Buffer.from(good.slice(0, 200)),
              Buffer.from([0xe9]),
              Buffer.from(good.slice(200)),
            ]),
          },
          / is not UTF-8 text$/,
        ],
        [
          'an HTML page served with status 200',
          {
            bytes: Buffer.from(
              '\uFEFF\n  <!DOCTYPE html>\n<html><body>Sign in</body></html>',
            ),
          },
          / is an HTML page, not a plan$/,
        ],
        [
          'an HTML page without a doctype',
          { bytes: Buffer.from('<HTML lang="en"><p>Not found</p></HTML>') },
          / is an HTML page, not a plan$/,
        ],
        [
          'a download cut short',
          {
            stream: () =>
              new Readable({
                read() {
                  this.push(Buffer.from(good.slice(0, 500)));
                  this.destroy(new Error('aborted: the connection closed'));
                },
              }),
          },
          /^Error: aborted: the connection closed$/,
        ],
        [
          'a document with no plan in it',
          { bytes: Buffer.from(notes) },
          /^InputError: PLAN\.md is not a plan: No plan sections found/,
        ],
      ])(
        'keeps the last good plan and shows the error after %s',
        async (_case, bad, message) => {
          const { store, refresher, before } = await withGoodPlan();
          served = bad;

          expect(await refresher.refreshAll()).toMatchObject({
            errors: 1,
            writes: 1,
          });
          const after = await store.getProject(ref);
          expect(after?.plan).toEqual(before.plan);
          expect(after?.evaluation).toEqual(before.evaluation);
          expect(after?.lastSuccessAt).toBe(before.lastSuccessAt);
          expect(after?.lastError).toMatch(message);
          // The list (and the export, which pages through the same rows) shows it too.
          const { items } = await store.listPlans({}, 'all');
          expect(items).toEqual([
            expect.objectContaining({
              entityRef: ref,
              status: 'IN_PROGRESS',
              lastError: expect.stringMatching(message),
            }),
          ]);
        },
      );

      it('keeps the last good plan and shows the error when the parser gives up', async () => {
        const { store, make, before } = await withGoodPlan();
        // parsePlan turns any exception of its own into this diagnostic.
        const failing: PlanParser = {
          parse: async (text, options) => {
            const result = await parser.parse(text, options);
            result.plan.diagnostics = [
              {
                key: 'parser-failure',
                severity: 'error',
                rule: 'parser-failure',
                message: 'The plan could not be read: boom',
              },
            ];
            return result;
          },
        };
        served = { bytes: Buffer.from(good.replace('`1.2.0`', '`1.3.0`')) };

        expect(await make(failing).refreshAll()).toMatchObject({
          parses: 1,
          errors: 1,
        });
        const after = await store.getProject(ref);
        expect(after?.plan).toEqual(before.plan);
        expect(after?.evaluation).toEqual(before.evaluation);
        expect(after?.lastError).toBe(
          'InputError: PLAN.md is not a plan: The plan could not be read: boom',
        );
      });

      it('stores a plan with errors as the new truth after a refused read', async () => {
        const { store, refresher } = await withGoodPlan();
        served = { bytes: Buffer.from(notes) };
        await refresher.refreshAll();
        served = {
          bytes: Buffer.from(good.replace('`IN_PROGRESS`', '`COMPLETE`')),
        };

        expect(await refresher.refreshAll()).toMatchObject({
          parses: 1,
          writes: 1,
          errors: 0,
        });
        const stored = await store.getProject(ref);
        expect(stored?.plan?.metadata.status).toBe('COMPLETE');
        expect(stored?.evaluation?.summary.counts.error).toBeGreaterThan(0);
        expect(stored?.lastError).toBeUndefined();
      });

      it('reads refused content again only once it changes, and clears the error when the plan is back', async () => {
        const { store, refresher } = await withGoodPlan();
        served = { bytes: Buffer.from(notes) };
        expect(await refresher.refreshAll()).toMatchObject({
          downloads: 1,
          parses: 1,
          errors: 1,
        });
        // Unchanged: the source answers "not modified" to the refused content's ETag.
        expect(await refresher.refreshAll()).toMatchObject({
          downloads: 0,
          parses: 0,
          errors: 1,
        });
        expect((await store.getProject(ref))?.lastError).toMatch(
          /is not a plan/,
        );

        // The good plan back: its text matches the stored result's key, no parse needed.
        served = { bytes: Buffer.from(good) };
        expect(await refresher.refreshAll()).toMatchObject({
          downloads: 1,
          parses: 0,
          errors: 0,
        });
        expect((await store.getProject(ref))?.lastError).toBeUndefined();
        expect(await refresher.refreshAll()).toMatchObject({
          downloads: 0,
          parses: 0,
          writes: 0,
        });
      });

      it('does not parse an unchanged refused file again', async () => {
        const { store, make } = await setup(samples(), { databaseId });
        const refresher = make();
        await refresher.refreshAll();
        writeFileSync(root.resolve('customer-360/PLAN.md'), notes);
        expect(await refresher.refreshAll()).toMatchObject({
          parses: 1,
          errors: 1,
        });
        expect(await refresher.refreshAll()).toMatchObject({
          parses: 0,
          errors: 1,
        });
        const stored = await store.getProject('component:default/customer-360');
        expect(stored?.plan?.metadata.status).toBe('COMPLETE');
        expect(stored?.lastError).toMatch(
          /^InputError: PLAN\.md is not a plan/,
        );
      });
    });

    it('finishes the cycle when a project can be neither stored nor marked failed', async () => {
      const { store, catalog, make, logger } = await setup(
        [...samples(), project('departed', root.path)],
        { databaseId },
      );
      cpSync(`${examples}/sales-orders`, root.resolve('departed'), {
        recursive: true,
      });
      await make().refreshAll();
      jest.spyOn(catalog, 'queryEntities').mockResolvedValue({
        items: samples(),
        pageInfo: {},
        totalItems: 3,
      });
      const broken = new Error('connection reset');
      const saveResult = store.saveResult.bind(store);
      const saveResults = store.saveResults.bind(store);
      const fails = (options: { identity: { name: string } }) =>
        options.identity.name === 'customer-360';
      // Alone or in a cycle's batch, its result cannot be written.
      jest
        .spyOn(store, 'saveResult')
        .mockImplementation(async options =>
          fails(options) ? Promise.reject(broken) : saveResult(options),
        );
      jest
        .spyOn(store, 'saveResults')
        .mockImplementation(async results =>
          results.some(fails) ? Promise.reject(broken) : saveResults(results),
        );
      jest.spyOn(store, 'saveError').mockRejectedValue(broken);
      const file = root.resolve('customer-360/PLAN.md');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
      const markDeleted = jest.spyOn(store, 'markDeletedExcept');

      await expect(make().refreshAll()).resolves.toMatchObject({
        projects: 3,
        errors: 1,
        deleted: 1,
      });
      expect(markDeleted).toHaveBeenCalledTimes(1);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Could not record the refresh error of component:default\/customer-360: Error: connection reset$/,
        ),
      );
    });

    describe('with a waiver file', () => {
      const outside = createMockDirectory();
      const ref = 'component:default/sales-orders';
      const jane: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'jane', namespace: 'default' },
        spec: {},
      };
      // The sample's unmitigated risk: what the waiver waives, by the risk's text.
      const warning = evaluatePlan(
        parsePlan(readFileSync(`${examples}/sales-orders/PLAN.md`, 'utf8')),
      ).findings.find(f => f.rule === 'unmitigated-risk')!;
      const waiversFile = () =>
        root.resolve('sales-orders/.dataplan/waivers.yaml');
      function writeWaivers(options: {
        approvedBy?: string;
        expires?: string;
        text?: string;
      }) {
        mkdirSync(root.resolve('sales-orders/.dataplan'), { recursive: true });
        writeFileSync(
          waiversFile(),
          options.text ??
            [
              'waivers:',
              `  - rule: ${warning.rule}`,
              `    match: { risk: 'Late-arriving POS orders' }`,
              '    reason: The vendor fixes the feed in Q3',
              `    approvedBy: ${options.approvedBy ?? 'user:default/jane'}`,
              `    expires: ${options.expires ?? '2026-12-10'}`,
              '',
            ].join('\n'),
        );
      }
      let today = new Date('2026-12-01T09:00:00Z');
      const clock = () => today;

      async function waivedSetup() {
        today = new Date('2026-12-01T09:00:00Z');
        const context = await setup([...samples(), jane], { databaseId });
        const refresher = context.make(
          parser,
          undefined,
          undefined,
          undefined,
          clock,
        );
        const storedProject = async () =>
          (await context.store.getProject(ref))!;
        return { ...context, refresher, storedProject };
      }
      const rulesOf = (findings: Array<{ rule: string }>) =>
        findings.map(f => f.rule);

      it('waives the finding, which counts no more, and reads nothing again while both files are unchanged', async () => {
        const { refresher, storedProject, store } = await waivedSetup();
        await refresher.refreshAll();
        const before = (await storedProject()).evaluation!.summary.counts
          .warning;
        writeWaivers({});

        // The waiver file alone changed: the stored plan is judged again, not read.
        expect(await refresher.refreshAll()).toMatchObject({
          downloads: 1,
          parses: 1,
          evaluations: 1,
          writes: 1,
          errors: 0,
        });
        const stored = await storedProject();
        const waived = stored.evaluation!.findings.find(
          f => f.key === warning.key,
        );
        expect(waived?.waiver).toEqual({
          reason: 'The vendor fixes the feed in Q3',
          approvedBy: 'user:default/jane',
          expires: '2026-12-10',
        });
        expect(stored.evaluation!.summary.counts.warning).toBe(before - 1);
        const listed = (
          await store.listPlans({ sort: 'name' }, 'all')
        ).items.find(item => item.entityRef === ref)!;
        expect(listed.findings).toMatchObject({
          warning: before - 1,
          waived: 1,
        });

        expect(await refresher.refreshAll()).toMatchObject({
          downloads: 0,
          parses: 0,
          evaluations: 0,
          writes: 0,
        });

        // Changed again, alone: judged again.
        writeWaivers({ expires: '2026-12-20' });
        expect(await refresher.refreshAll()).toMatchObject({
          downloads: 1,
          parses: 1,
          evaluations: 1,
          writes: 1,
        });
        expect(
          (await storedProject()).evaluation!.findings.find(
            f => f.key === warning.key,
          )?.waiver?.expires,
        ).toBe('2026-12-20');
      });

      it('looks up the commits that added the waivers when the file is read, and stores them with it, never for an unchanged file', async () => {
        const context = await waivedSetup();
        const commit = {
          sha: 'c'.repeat(40),
          author: 'Jane Doe',
          committedAt: '2026-11-20T10:00:00.000Z',
        };
        const withCommits = jest.fn(
          async (_source: unknown, file: WaiverFile): Promise<WaiverFile> => ({
            ...file,
            waivers: file.waivers.map(w => ({ ...w, commit })),
          }),
        );
        const refresher = DefaultPlanRefresher.create({
          catalog: context.catalog,
          auth: mockServices.auth(),
          reader: context.reader,
          parser,
          store: context.store,
          logger: context.logger,
          now: clock,
          waiverCommits: { withCommits },
        });
        writeWaivers({});

        await refresher.refreshAll();
        await refresher.refreshAll();

        expect(withCommits).toHaveBeenCalledTimes(1);
        expect(withCommits.mock.calls[0][0]).toMatchObject({
          type: 'file',
          path: '.dataplan/waivers.yaml',
        });
        const stored = await context.storedProject();
        expect(stored.waivers?.waivers[0].commit).toEqual(commit);
        expect(stored.evaluation?.waivers?.waivers).toEqual([
          expect.objectContaining({
            rule: warning.rule,
            commit,
            waives: [warning.key],
          }),
        ]);
      });

      it('brings the finding back with waiver-expired once the waiver has expired, reading nothing', async () => {
        const { refresher, storedProject } = await waivedSetup();
        writeWaivers({ expires: '2026-12-03' });
        await refresher.refreshAll();
        const counts = (await storedProject()).evaluation!.summary.counts;

        today = new Date('2026-12-03T23:00:00Z');
        expect(await refresher.refreshAll()).toMatchObject({
          downloads: 0,
          evaluations: 0,
          writes: 0,
        });

        today = new Date('2026-12-04T01:00:00Z');
        expect(await refresher.refreshAll()).toMatchObject({
          downloads: 0,
          parses: 0,
          evaluations: 1,
          writes: 1,
        });
        const evaluation = (await storedProject()).evaluation!;
        expect(
          evaluation.findings.find(f => f.key === warning.key)?.waiver,
        ).toBeUndefined();
        expect(rulesOf(evaluation.findings)).toContain('waiver-expired');
        expect(evaluation.summary.counts.warning).toBe(counts.warning + 2);

        // Expired it stays: nothing more to judge on the days after.
        today = new Date('2026-12-09T01:00:00Z');
        expect(await refresher.refreshAll()).toMatchObject({
          evaluations: 0,
          writes: 0,
        });
      });

      it('refuses a waiver whose approver is no user or group of the catalog', async () => {
        const { refresher, storedProject } = await waivedSetup();
        writeWaivers({ approvedBy: 'user:default/nobody' });
        await refresher.refreshAll();
        const evaluation = (await storedProject()).evaluation!;
        expect(
          evaluation.findings.find(f => f.key === warning.key)?.waiver,
        ).toBeUndefined();
        expect(
          evaluation.findings.find(f => f.rule === 'waiver-invalid')?.message,
        ).toMatch(/user:default\/nobody may not approve it$/);
      });

      it('keeps the plan and makes a hostile waiver file one waiver-invalid finding', async () => {
        const { refresher, storedProject } = await waivedSetup();
        outside.setContent({ 'waivers.yaml': 'waivers: []' });
        const cases: Array<[() => void, RegExp]> = [
          [
            () => writeWaivers({ text: 'waivers:\n  - rule: [unclosed\n' }),
            /^The waiver file is not valid YAML \(line \d+: /,
          ],
          [
            () => writeWaivers({ text: `# ${'x'.repeat(1024 * 1024)}\n` }),
            /^The waiver file cannot be read: InputError: sales-orders\/\.dataplan\/waivers\.yaml is larger than the 1048576-byte limit for a waiver file/,
          ],
          [
            () => {
              rmSync(waiversFile());
              symlinkSync(outside.resolve('waivers.yaml'), waiversFile());
            },
            /^The waiver file cannot be read: NotAllowedError: sales-orders\/\.dataplan\/waivers\.yaml leads outside the entity's folder/,
          ],
        ];
        for (const [write, message] of cases) {
          write();
          expect(await refresher.refreshAll()).toMatchObject({ errors: 0 });
          const stored = await storedProject();
          expect(stored.lastError).toBeUndefined();
          expect(stored.plan?.metadata.status).toBe('IN_PROGRESS');
          const invalid = stored.evaluation!.findings.filter(
            f => f.rule === 'waiver-invalid',
          );
          expect(invalid).toHaveLength(1);
          expect(invalid[0].message).toMatch(message);
          // Unchanged, it is not judged again.
          expect(await refresher.refreshAll()).toMatchObject({
            evaluations: 0,
            writes: 0,
          });
        }
      });
    });
  });
});
