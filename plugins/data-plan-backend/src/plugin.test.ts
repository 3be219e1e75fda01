import {
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import {
  copySampleProject,
  dataProjectEntity,
} from './__testUtils__/sampleProjects';
import { dataPlanPlugin } from './plugin';

const examples = resolve(__dirname, '../../../examples/data-projects');

// Each test starts a real backend, whose OpenAPI validator compiles on the first request:
// a budget for a busy machine, not a speed check.
jest.setTimeout(30_000);

describe('dataPlanPlugin', () => {
  const root = createMockDirectory();
  root.clear();
  copySampleProject(root, 'sales-orders');
  copySampleProject(root, 'customer-360');

  const salesOrders: Entity = {
    ...dataProjectEntity(root, 'sales-orders'),
  };
  salesOrders.spec = { ...salesOrders.spec, system: 'commerce' };
  // The org hierarchy: both owning teams are under one group.
  const groups: Entity[] = [
    ['data-org'],
    ['sales-analytics', 'data-org'],
    ['marketing-data', 'group:default/data-org'],
  ].map(([name, parent]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  }));
  const customer360: Entity = dataProjectEntity(
    root,
    'customer-360',
    'group:default/marketing-data',
  );
  const service: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders-api', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/sales-analytics' },
  };

  async function start(
    options: {
      refreshAllowed?: boolean;
      defaultCredentials?: ReturnType<typeof mockCredentials.user>;
      policy?: object;
      /** A scheduler that runs tasks only when the test triggers them. */
      scheduler?: SchedulerService;
    } = {},
  ) {
    const inner = catalogServiceMock({
      entities: [salesOrders, customer360, service, ...groups],
    });
    const hiding = catalogServiceMock.mock({
      queryEntities: async (req, opts) => {
        const page = await inner.queryEntities(req, opts);
        const { principal } = (
          opts as { credentials: { principal: { userEntityRef?: string } } }
        ).credentials;
        if (principal.userEntityRef !== 'user:default/mallory') return page;
        // What a conditional catalog policy would let mallory read.
        const items = page.items.filter(
          e => e.metadata.name !== 'sales-orders',
        );
        return { ...page, items, totalItems: items.length };
      },
      getEntityByRef: async (ref, opts) => {
        const { principal } = (
          opts as { credentials: { principal: { userEntityRef?: string } } }
        ).credentials;
        if (principal.userEntityRef === 'user:default/mallory')
          return undefined;
        return inner.getEntityByRef(ref, opts);
      },
    });
    const { server } = await startTestBackend({
      features: [
        dataPlanPlugin,
        hiding.factory,
        mockServices.rootConfig.factory({
          data: {
            dataPlan: {
              rootDir: root.path,
              planRoots: ['projects'],
              maxPlanBytes: 65536,
              ...(options.policy ? { policy: options.policy } : {}),
            },
          },
        }),
        mockServices.permissions.mock({
          authorizeConditional: async (requests, opts) => {
            const { userEntityRef } = opts.credentials.principal as {
              userEntityRef?: string;
            };
            return requests.map(() => {
              if (userEntityRef === 'user:default/mallory') {
                return {
                  result: AuthorizeResult.CONDITIONAL,
                  pluginId: 'catalog',
                  resourceType: 'catalog-entity',
                  conditions: {
                    rule: 'IS_ENTITY_OWNER',
                    resourceType: 'catalog-entity',
                    params: { claims: [userEntityRef] },
                  },
                };
              }
              return {
                result:
                  userEntityRef === 'user:default/nobody'
                    ? AuthorizeResult.DENY
                    : AuthorizeResult.ALLOW,
              };
            });
          },
          authorize: async requests =>
            requests.map(r => ({
              result:
                r.permission.name === 'data-plan.plan.refresh' &&
                options.refreshAllowed === false
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        }).factory,
        ...(options.scheduler
          ? [
              createServiceFactory({
                service: coreServices.scheduler,
                deps: {},
                factory: () => options.scheduler!,
              }),
            ]
          : []),
        ...(options.defaultCredentials
          ? [
              mockServices.httpAuth.factory({
                defaultCredentials: options.defaultCredentials,
              }),
            ]
          : []),
      ],
    });
    return server;
  }

  it('answers /health to an authenticated caller and refuses others', async () => {
    const server = await start();
    const ok = await request(server)
      .get('/api/data-plan/health')
      .set('Authorization', mockCredentials.user.header());
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'ok' });

    const anonymous = await start({
      defaultCredentials: mockCredentials.none() as never,
    });
    expect((await request(anonymous).get('/api/data-plan/health')).status).toBe(
      401,
    );
    expect(
      (
        await request(anonymous).get(
          '/api/data-plan/plans/by-entity/component/default/sales-orders',
        )
      ).status,
    ).toBe(401);
  });

  it('serves a data project’s plan, evaluation and refresh information', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/data-plan/plans/by-entity/component/default/sales-orders')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/sales-orders',
      source: { path: 'PLAN.md' },
      plan: {
        metadata: { status: 'IN_PROGRESS', projectId: 'SALES-2026-10-014' },
      },
      evaluation: { risks: { topScore: 9 } },
      refresh: { lastSuccessAt: expect.any(String) },
    });
    expect(res.body.diagnostics.map((d: { rule: string }) => d.rule)).toEqual([
      'validation-failed',
      'validation-failed',
      'unmitigated-risk',
    ]);
  });

  it('evaluates each plan under the policy of dataPlan.policy its owner matches, and says which', async () => {
    const server = await start({
      policy: {
        scopes: [
          {
            name: 'marketing',
            match: { owner: 'marketing-data' },
            // Every risk with a score is high here; none of customer-360's is by default.
            policy: { highRiskScore: 1 },
          },
        ],
      },
    });
    const as = mockCredentials.user.header();
    const details = async (name: string) =>
      (
        await request(server)
          .get(`/api/data-plan/plans/by-entity/component/default/${name}`)
          .set('Authorization', as)
      ).body;
    const marketing = await details('customer-360');
    expect(marketing.policy).toBe('marketing');
    expect(marketing.evaluation.risks.highRisks).toBe(
      marketing.plan.risks.length,
    );
    expect((await details('sales-orders')).policy).toBe('default');

    const list = await request(server)
      .get('/api/data-plan/plans?sort=name')
      .set('Authorization', as);
    expect(
      list.body.items.map((item: { policy?: string }) => item.policy),
    ).toEqual(['marketing', 'default']);
  });

  it('serves a project’s history and the trends of the plans the caller may read', async () => {
    const server = await start();
    const get = (path: string, user?: string) =>
      request(server)
        .get(`/api/data-plan${path}`)
        .set('Authorization', mockCredentials.user.header(user));

    const history = await get(
      '/plans/by-entity/component/default/sales-orders/history',
    );
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({
      entityRef: 'component:default/sales-orders',
      statuses: [{ status: 'IN_PROGRESS', since: expect.any(String), days: 0 }],
      points: [{ status: 'IN_PROGRESS', errors: 0, warnings: 3 }],
    });

    const trends = await get('/plans/trends?interval=day');
    expect(trends.status).toBe(200);
    expect(trends.body.points).toHaveLength(90);
    const today = trends.body.points[89];
    expect(today).toMatchObject({
      date: trends.body.to,
      projects: 2,
      byStatus: { IN_PROGRESS: 1, COMPLETE: 1 },
    });
    // Before any plan was read, no project counts.
    expect(trends.body.points[0].projects).toBe(0);
    // The list's filters and the caller's visibility hold.
    const marketing = await get(
      '/plans/trends?owner=group:default/marketing-data',
    );
    expect(marketing.body.points[89].projects).toBe(1);
    const mallory = await get('/plans/trends', 'user:default/mallory');
    expect(mallory.body.points[89].byStatus).toEqual({ COMPLETE: 1 });
    expect(
      (
        await get(
          '/plans/by-entity/component/default/sales-orders/history',
          'user:default/mallory',
        )
      ).status,
    ).toBe(404);

    const bad = await get('/plans/trends?from=2026-02-31');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/from/);
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('backfills each project’s history in its scheduled task and says how it went', async () => {
    const scheduler = mockServices.scheduler();
    const server = await start({ scheduler });
    const history = () =>
      request(server)
        .get(
          '/api/data-plan/plans/by-entity/component/default/sales-orders/history',
        )
        .set('Authorization', mockCredentials.user.header());
    await scheduler.triggerTask('data-plan-refresh');
    expect((await history()).body.backfill).toEqual({ state: 'pending' });
    await scheduler.triggerTask('data-plan-history-backfill');

    const response = await history();
    expect(response.status).toBe(200);
    // The copied sample project is a plain folder: there is no git history to read.
    expect(response.body.backfill).toEqual({
      state: 'unsupported',
      reason:
        "the plan's folder is not in a git repository inside the folders plans are read from (dataPlan.planRoots)",
      at: expect.any(String),
    });
    expect(response.body.points).toHaveLength(1);
    expect(response.body.points[0].commit).toBeUndefined();
  });

  it('gives the same 404 for an entity without a plan, a missing one and one the caller may not read', async () => {
    const server = await start();
    const as = (user: string) => mockCredentials.user.header(user);
    const responses = await Promise.all([
      request(server)
        .get('/api/data-plan/plans/by-entity/component/default/orders-api')
        .set('Authorization', as('user:default/guest')),
      request(server)
        .get('/api/data-plan/plans/by-entity/component/default/nope')
        .set('Authorization', as('user:default/guest')),
      request(server)
        .get('/api/data-plan/plans/by-entity/component/default/sales-orders')
        .set('Authorization', as('user:default/mallory')),
      request(server)
        .post(
          '/api/data-plan/plans/by-entity/component/default/sales-orders/refresh',
        )
        .set('Authorization', as('user:default/mallory')),
    ]);
    expect(responses.map(r => r.status)).toEqual([404, 404, 404, 404]);
    expect(responses.map(r => r.body.error.name)).toEqual([
      'NotFoundError',
      'NotFoundError',
      'NotFoundError',
      'NotFoundError',
    ]);
    expect(JSON.stringify(responses[2].body)).not.toContain('IN_PROGRESS');
  });

  it('refreshes a plan on request when the policy allows it, and refuses otherwise', async () => {
    const allowed = await start();
    const ok = await request(allowed)
      .post(
        '/api/data-plan/plans/by-entity/component/default/sales-orders/refresh',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(ok.status).toBe(200);
    expect(ok.body.plan.metadata.status).toBe('IN_PROGRESS');

    const denied = await start({ refreshAllowed: false });
    const refused = await request(denied)
      .post(
        '/api/data-plan/plans/by-entity/component/default/sales-orders/refresh',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(refused.status).toBe(403);
    expect(refused.body.error.name).toBe('NotAllowedError');
  });

  it('lints plan text, and refuses a body that is not a plan or is too large', async () => {
    const server = await start();
    const text = readFileSync(
      `${examples}/inventory-forecast/PLAN.md`,
      'utf8',
    ).slice(0, 3000);
    const lint = await request(server)
      .post('/api/data-plan/lint')
      .set('Authorization', mockCredentials.user.header())
      .send({ text });
    expect(lint.status).toBe(200);
    expect(
      lint.body.diagnostics.some(
        (d: { rule: string }) => d.rule === 'placeholder',
      ),
    ).toBe(true);
    expect(lint.body.evaluation.summary).toBeDefined();

    const notText = await request(server)
      .post('/api/data-plan/lint')
      .set('Authorization', mockCredentials.user.header())
      .send({ text: 42 });
    expect(notText.status).toBe(400);
    expect(notText.body.error.message).toMatch(
      /^request\/body\/text must be string/,
    );

    const huge = await request(server)
      .post('/api/data-plan/lint')
      .set('Authorization', mockCredentials.user.header())
      .send({ text: 'x'.repeat(65537) });
    expect(huge.status).toBe(400);
    const tooBigForParser = await request(server)
      .post('/api/data-plan/lint')
      .set('Authorization', mockCredentials.user.header())
      .send({ text: 'x'.repeat(70_000) });
    expect(tooBigForParser.status).toBe(400);
    expect(tooBigForParser.body.error.message).toBe(
      'text: the plan is larger than the 65536-byte limit',
    );
    // Within the cap, though JSON writes every tab and quote with two bytes.
    const escaped = await request(server)
      .post('/api/data-plan/lint')
      .set('Authorization', mockCredentials.user.header())
      .send({ text: '\t"'.repeat(30_000) });
    expect(escaped.status).toBe(200);
    const overEscaped = await request(server)
      .post('/api/data-plan/lint')
      .set('Authorization', mockCredentials.user.header())
      .send({ text: '\u0000'.repeat(6 * 65_536) });
    expect(overEscaped.status).toBe(400);
    expect(overEscaped.body.error.message).toBe(
      'text: the plan is larger than the 65536-byte limit',
    );
  });

  describe('listing', () => {
    const as = (user: string) => mockCredentials.user.header(user);

    it('lists every project worst first for a caller who may read everything', async () => {
      const server = await start();
      const res = await request(server)
        .get('/api/data-plan/plans')
        .set('Authorization', as('user:default/guest'));
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(2);
      expect(
        res.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual([
        'component:default/sales-orders',
        'component:default/customer-360',
      ]);
      expect(res.body.items[0]).toMatchObject({
        status: 'IN_PROGRESS',
        owner: 'group:default/sales-analytics',
        risks: { topScore: 9 },
      });
    });

    it('shows a conditionally allowed caller only what the catalog lets them read, in list, facets and export', async () => {
      const server = await start();
      const list = await request(server)
        .get('/api/data-plan/plans')
        .set('Authorization', as('user:default/mallory'));
      expect(
        list.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['component:default/customer-360']);
      const facets = await request(server)
        .get('/api/data-plan/plans/facets')
        .set('Authorization', as('user:default/mallory'));
      expect(facets.body).toMatchObject({
        totalCount: 1,
        byStatus: { COMPLETE: 1 },
      });
      const csv = await request(server)
        .get('/api/data-plan/plans/export.csv')
        .set('Authorization', as('user:default/mallory'));
      expect(csv.text).not.toContain('sales-orders');
      expect(csv.text.trim().split('\r\n')).toHaveLength(2);
    });

    it('shows nothing to a caller the catalog denies', async () => {
      const server = await start();
      const list = await request(server)
        .get('/api/data-plan/plans')
        .set('Authorization', as('user:default/nobody'));
      expect(list.body).toEqual({ items: [], totalCount: 0 });
    });

    it('filters, counts facets and exports every matching row as CSV', async () => {
      const server = await start();
      const filtered = await request(server)
        .get(
          '/api/data-plan/plans?status=COMPLETE&owner=group:default/marketing-data',
        )
        .set('Authorization', as('user:default/guest'));
      expect(
        filtered.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['component:default/customer-360']);

      const facets = await request(server)
        .get('/api/data-plan/plans/facets')
        .set('Authorization', as('user:default/guest'));
      expect(facets.body).toMatchObject({
        totalCount: 2,
        byStatus: { IN_PROGRESS: 1, COMPLETE: 1 },
        riskMatrix: { high: { high: 1 } },
        findings: { error: 0, warning: 3 },
        waived: 0,
        rules: [
          { rule: 'unmitigated-risk', severity: 'warning', projects: 1 },
          { rule: 'validation-failed', severity: 'warning', projects: 1 },
        ],
      });
      const byRule = await request(server)
        .get('/api/data-plan/plans?rule=validation-failed')
        .set('Authorization', as('user:default/guest'));
      expect(
        byRule.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['component:default/sales-orders']);
      // A well-formed rule id no rule has: no project, no error.
      const unknownRule = await request(server)
        .get('/api/data-plan/plans/facets?rule=no-such-rule')
        .set('Authorization', as('user:default/guest'));
      expect(unknownRule.body).toMatchObject({ totalCount: 0, rules: [] });
      const waived = await request(server)
        .get('/api/data-plan/plans?waived=true')
        .set('Authorization', as('user:default/guest'));
      expect(waived.body).toEqual({ items: [], totalCount: 0 });

      const csv = await request(server)
        .get('/api/data-plan/plans/export.csv?sort=name')
        .set('Authorization', as('user:default/guest'));
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toMatch(/^"entity_ref","title","owner","status"/);
      expect(lines.slice(1).map(l => l.split(',')[0])).toEqual([
        '"component:default/customer-360"',
        '"component:default/sales-orders"',
      ]);
    });

    it('rolls the matching projects up by owner, system and group, and filters by system and group', async () => {
      const server = await start();
      const rollup = async (query: string, user = 'user:default/guest') => {
        const res = await request(server)
          .get(`/api/data-plan/plans/rollup?${query}`)
          .set('Authorization', as(user));
        expect(res.status).toBe(200);
        return res.body;
      };
      expect(await rollup('by=group')).toEqual({
        by: 'group',
        rows: [
          {
            ref: 'group:default/data-org',
            count: 2,
            errors: 0,
            unmitigatedHighRisks: 1,
          },
          {
            ref: 'group:default/sales-analytics',
            count: 1,
            errors: 0,
            unmitigatedHighRisks: 1,
          },
          {
            ref: 'group:default/marketing-data',
            count: 1,
            errors: 0,
            unmitigatedHighRisks: 0,
          },
        ],
        totalRows: 3,
      });
      expect(
        (await rollup('by=system')).rows.map((r: { ref: string }) => r.ref),
      ).toEqual(['system:default/commerce', '']);
      expect((await rollup('by=owner&status=COMPLETE')).rows).toEqual([
        {
          ref: 'group:default/marketing-data',
          count: 1,
          errors: 0,
          unmitigatedHighRisks: 0,
        },
      ]);
      // What the caller may read only.
      expect((await rollup('by=group', 'user:default/mallory')).rows).toEqual([
        expect.objectContaining({ ref: 'group:default/data-org', count: 1 }),
        expect.objectContaining({
          ref: 'group:default/marketing-data',
          count: 1,
        }),
      ]);

      const list = async (query: string) =>
        (
          await request(server)
            .get(`/api/data-plan/plans?${query}`)
            .set('Authorization', as('user:default/guest'))
        ).body.items.map((i: { entityRef: string }) => i.entityRef);
      expect(await list('group=group:default/data-org&sort=name')).toEqual([
        'component:default/customer-360',
        'component:default/sales-orders',
      ]);
      expect(await list('group=Group:default/Marketing-Data')).toEqual([
        'component:default/customer-360',
      ]);
      expect(await list('system=system:default/commerce')).toEqual([
        'component:default/sales-orders',
      ]);
      const facets = await request(server)
        .get('/api/data-plan/plans/facets?system=system:default/commerce')
        .set('Authorization', as('user:default/guest'));
      expect(facets.body.totalCount).toBe(1);
    });

    it('refuses a malformed roll-up or system or group filter, naming the field', async () => {
      const server = await start();
      const message = async (path: string) => {
        const res = await request(server)
          .get(path)
          .set('Authorization', as('user:default/guest'));
        expect(res.status).toBe(400);
        return res.body.error.message;
      };
      expect(await message('/api/data-plan/plans/rollup')).toMatch(
        /^request\/query must have required property 'by'/,
      );
      expect(await message('/api/data-plan/plans/rollup?by=team')).toMatch(
        /^request\/query\/by must be equal to one of the allowed values: owner, system, group/,
      );
      expect(await message('/api/data-plan/plans?system=commerce')).toMatch(
        /^request\/query\/system must match pattern/,
      );
      expect(
        await message(
          `/api/data-plan/plans/facets?group=group:default/${'a'.repeat(300)}`,
        ),
      ).toMatch(
        /^request\/query\/group must NOT have more than 255 characters/,
      );
      expect(
        await message(
          '/api/data-plan/plans/rollup?by=group&group=user:default/ada',
        ),
      ).toBe('group: give a group entity ref, group:<namespace>/<name>');
      expect(
        await message('/api/data-plan/plans/export.csv?system=group:default/x'),
      ).toBe('system: give a system entity ref, system:<namespace>/<name>');
      expect(
        await message('/api/data-plan/plans/trends?group=a:b/c%00'),
      ).toMatch(/^request\/query\/group must match pattern/);
    });

    it('rejects a bad query with the field that is wrong, and an unauthenticated caller', async () => {
      const server = await start();
      const bad = await request(server)
        .get('/api/data-plan/plans?limit=5000')
        .set('Authorization', as('user:default/guest'));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /^request\/query\/limit must be <= 500/,
      );
      const status = await request(server)
        .get('/api/data-plan/plans?status=DONE')
        .set('Authorization', as('user:default/guest'));
      expect(status.body.error.message).toMatch(
        /^request\/query\/status\/0 must be equal to one of the allowed values: DRAFT, REVIEW/,
      );
      for (const [query, message] of [
        ['rule=Not_A_Rule', /^request\/query\/rule must match pattern/],
        [
          `rule=${'a'.repeat(101)}`,
          /^request\/query\/rule must NOT have more than 100 characters/,
        ],
        ['rule=', /^Empty value found for query parameter 'rule'/],
        ['waived=maybe', /^request\/query\/waived must be boolean/],
      ] as const) {
        const res = await request(server)
          .get(`/api/data-plan/plans/facets?${query}`)
          .set('Authorization', as('user:default/guest'));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
      const anonymous = await start({
        defaultCredentials: mockCredentials.none() as never,
      });
      for (const path of [
        '/api/data-plan/plans',
        '/api/data-plan/plans/facets',
        '/api/data-plan/plans/export.csv',
        '/api/data-plan/plans/rollup?by=owner',
      ]) {
        expect((await request(anonymous).get(path)).status).toBe(401);
      }
    });
  });

  it('registers its permissions with the permissions registry', async () => {
    const permissionsRegistry = mockServices.permissionsRegistry.mock();
    await startTestBackend({
      features: [
        dataPlanPlugin,
        permissionsRegistry.factory,
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const names = permissionsRegistry.addPermissions.mock.calls
      .flatMap(([permissions]) => permissions)
      .map(p => p.name);
    expect(names).toEqual(['data-plan.plan.read', 'data-plan.plan.refresh']);
  });
});
