import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DataPlanClient } from './DataPlanClient';

describe('DataPlanClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const baseUrl = 'http://backstage.test/api/data-plan';
  const client = new DataPlanClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  /** Answers GET/POST on `path` with `body`, recording each request's URL. */
  function capture(
    method: 'get' | 'post',
    path: string,
    body: () => Response = () => HttpResponse.json({}),
  ): { urls: URL[]; requests: Request[] } {
    const seen = { urls: [] as URL[], requests: [] as Request[] };
    server.use(
      http[method](`${baseUrl}${path}`, ({ request }) => {
        seen.urls.push(new URL(request.url));
        seen.requests.push(request.clone());
        return body();
      }),
    );
    return seen;
  }

  const emptyList = { items: [], totalCount: 0 };

  it('surfaces a failed request as a ResponseError with the status', async () => {
    server.use(
      http.get(`${baseUrl}/plans`, () =>
        HttpResponse.json(
          { error: { name: 'AuthenticationError', message: 'no token' } },
          { status: 401 },
        ),
      ),
    );

    await expect(client.listPlans()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 401,
    });
  });

  describe('getRollup', () => {
    it('asks for the dimension with the filters, system and group included', async () => {
      const rollup = { by: 'group', rows: [], totalRows: 0 };
      const seen = capture('get', '/plans/rollup', () =>
        HttpResponse.json(rollup),
      );

      await expect(
        client.getRollup({
          by: 'group',
          owner: ['group:default/sales'],
          system: 'system:default/commerce',
          group: 'group:default/data-org',
        }),
      ).resolves.toEqual(rollup);

      expect(Object.fromEntries(seen.urls[0].searchParams)).toEqual({
        by: 'group',
        owner: 'group:default/sales',
        system: 'system:default/commerce',
        group: 'group:default/data-org',
      });
    });
  });

  describe('listPlans', () => {
    it('sends no query without a request', async () => {
      const seen = capture('get', '/plans', () => HttpResponse.json(emptyList));

      await expect(client.listPlans()).resolves.toEqual(emptyList);
      expect(seen.urls).toHaveLength(1);
      expect(seen.urls[0].search).toBe('');
    });

    it('sends every filter, the sort, the page size and the cursor', async () => {
      const seen = capture('get', '/plans', () =>
        HttpResponse.json({ ...emptyList, nextCursor: 'next' }),
      );

      await expect(
        client.listPlans({
          owner: ['group:default/sales', 'user:default/alice'],
          status: ['IN_PROGRESS', 'COMPLETE'],
          severity: 'error',
          unmitigatedHighRisk: true,
          stuck: true,
          waived: true,
          drifted: true,
          rule: 'unmitigated-risk',
          text: '  sales orders ',
          sort: 'risk',
          order: 'desc',
          limit: 50,
          cursor: 'eyJrIjoxfQ==',
        }),
      ).resolves.toMatchObject({ nextCursor: 'next' });

      const params = seen.urls[0].searchParams;
      // Lists go comma-separated in one parameter, not repeated.
      expect(params.getAll('owner')).toEqual([
        'group:default/sales,user:default/alice',
      ]);
      expect(params.getAll('status')).toEqual(['IN_PROGRESS,COMPLETE']);
      expect(params.get('severity')).toBe('error');
      expect(params.get('unmitigatedHighRisk')).toBe('true');
      expect(params.get('stuck')).toBe('true');
      expect(params.get('waived')).toBe('true');
      expect(params.get('drifted')).toBe('true');
      expect(params.get('rule')).toBe('unmitigated-risk');
      expect(params.get('text')).toBe('sales orders');
      expect(params.get('sort')).toBe('risk');
      expect(params.get('order')).toBe('desc');
      expect(params.get('limit')).toBe('50');
      expect(params.get('cursor')).toBe('eyJrIjoxfQ==');
      expect([...params.keys()]).toHaveLength(13);
    });

    it('leaves out empty lists and blank text but keeps false and zero', async () => {
      const seen = capture('get', '/plans', () => HttpResponse.json(emptyList));

      await client.listPlans({
        owner: [],
        status: [],
        text: '   ',
        unmitigatedHighRisk: false,
        limit: 0,
      });

      const params = seen.urls[0].searchParams;
      expect(params.has('owner')).toBe(false);
      expect(params.has('status')).toBe(false);
      expect(params.has('text')).toBe(false);
      expect(params.has('cursor')).toBe(false);
      expect(params.get('unmitigatedHighRisk')).toBe('false');
      expect(params.get('limit')).toBe('0');
    });
  });

  it('reads facets with the same filters', async () => {
    const facets = {
      totalCount: 2,
      byStatus: { DRAFT: 2 },
      riskMatrix: {},
      byOwner: [],
      findings: { error: 0, warning: 1, info: 0 },
    };
    const seen = capture('get', '/plans/facets', () =>
      HttpResponse.json(facets),
    );

    await expect(
      client.getFacets({ owner: ['group:default/a', 'group:default/b'] }),
    ).resolves.toEqual(facets);
    expect(seen.urls[0].pathname).toBe('/api/data-plan/plans/facets');
    expect(seen.urls[0].searchParams.get('owner')).toBe(
      'group:default/a,group:default/b',
    );
  });

  it('exports CSV as a blob with the filters', async () => {
    const csv = 'entityRef,status\ncomponent:default/a,DRAFT\n';
    const seen = capture(
      'get',
      '/plans/export.csv',
      () =>
        new HttpResponse(csv, {
          headers: { 'Content-Type': 'text/csv; charset=utf-8' },
        }),
    );

    const blob = await client.exportCsv({
      status: ['DRAFT'],
      severity: 'warning',
    });

    await expect(blob.text()).resolves.toBe(csv);
    expect(seen.urls[0].pathname).toBe('/api/data-plan/plans/export.csv');
    expect(seen.urls[0].searchParams.get('status')).toBe('DRAFT');
    expect(seen.urls[0].searchParams.get('severity')).toBe('warning');
  });

  describe('getPlan and refreshPlan', () => {
    const entity = {
      kind: 'Component',
      namespace: 'Team-A',
      name: 'Sales Orders/2026',
    };
    const path = '/plans/by-entity/component/team-a/sales%20orders%2F2026';
    const details = {
      entityRef: 'component:team-a/sales orders/2026',
      diagnostics: [],
      refresh: {},
    };

    it('gets the plan by the lower-cased, encoded entity ref', async () => {
      const seen = capture('get', '/plans/by-entity/*', () =>
        HttpResponse.json(details),
      );

      await expect(client.getPlan(entity)).resolves.toEqual(details);
      expect(seen.urls[0].pathname).toBe(`/api/data-plan${path}`);
    });

    it('refreshes with a POST to the entity path', async () => {
      const seen = capture('post', '/plans/by-entity/*', () =>
        HttpResponse.json(details),
      );

      await expect(client.refreshPlan(entity)).resolves.toEqual(details);
      expect(seen.urls[0].pathname).toBe(`/api/data-plan${path}/refresh`);
      expect(seen.requests[0].method).toBe('POST');
    });

    it.each([
      [404, 'NotFoundError', 'no plan'],
      [403, 'NotAllowedError', 'You may not read data plans'],
      [500, 'Error', 'database down'],
    ])(
      'rejects a %i with a ResponseError carrying the status and message',
      async (status, name, message) => {
        // The body the Backstage backend's error handler sends.
        capture('get', '/plans/by-entity/*', () =>
          HttpResponse.json(
            {
              error: { name, message },
              request: { method: 'GET', url: '/plans/by-entity/x' },
              response: { statusCode: status },
            },
            { status },
          ),
        );

        const error = await client.getPlan(entity).catch(e => e);

        expect(error).toMatchObject({
          name: 'ResponseError',
          statusCode: status,
          response: expect.objectContaining({ status }),
          body: expect.objectContaining({
            error: expect.objectContaining({ name, message }),
          }),
          cause: expect.objectContaining({ name, message }),
        });
      },
    );

    it('rejects a failed refresh with a ResponseError', async () => {
      capture('post', '/plans/by-entity/*', () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'not yours' } },
          { status: 403 },
        ),
      );

      await expect(client.refreshPlan(entity)).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 403,
      });
    });
  });
  describe('getHistory and getTrends', () => {
    it('gets the history by the lower-cased, encoded entity ref', async () => {
      const history = {
        entityRef: 'component:team-a/sales orders/2026',
        statuses: [{ status: 'DRAFT', since: '2026-01-01T00:00:00Z', days: 3 }],
        points: [],
      };
      const seen = capture('get', '/plans/by-entity/*', () =>
        HttpResponse.json(history),
      );

      await expect(
        client.getHistory({
          kind: 'Component',
          namespace: 'Team-A',
          name: 'Sales Orders/2026',
        }),
      ).resolves.toEqual(history);
      expect(seen.urls[0].pathname).toBe(
        '/api/data-plan/plans/by-entity/component/team-a/sales%20orders%2F2026/history',
      );
    });

    it('sends the filters, the days and the interval of a trend', async () => {
      const trends = {
        interval: 'week',
        from: '2026-01-05',
        to: '2026-03-29',
        points: [],
      };
      const seen = capture('get', '/plans/trends', () =>
        HttpResponse.json(trends),
      );

      await expect(
        client.getTrends({
          owner: ['group:default/sales', 'group:default/crm'],
          status: ['DRAFT'],
          severity: 'error',
          unmitigatedHighRisk: true,
          text: ' orders ',
          from: '2026-01-01',
          to: '2026-03-31',
          interval: 'week',
        }),
      ).resolves.toEqual(trends);

      const params = seen.urls[0].searchParams;
      expect(Object.fromEntries(params)).toEqual({
        owner: 'group:default/sales,group:default/crm',
        status: 'DRAFT',
        severity: 'error',
        unmitigatedHighRisk: 'true',
        text: 'orders',
        from: '2026-01-01',
        to: '2026-03-31',
        interval: 'week',
      });
    });

    it('asks for the default trend without a request', async () => {
      const seen = capture('get', '/plans/trends', () =>
        HttpResponse.json({ interval: 'day', from: 'a', to: 'b', points: [] }),
      );

      await client.getTrends();

      expect(seen.urls[0].search).toBe('');
    });

    it('rejects a refused trend with a ResponseError', async () => {
      capture('get', '/plans/trends', () =>
        HttpResponse.json(
          { error: { name: 'InputError', message: 'from is after to' } },
          { status: 400 },
        ),
      );

      await expect(
        client.getTrends({ from: '2026-02-01' }),
      ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 400 });
    });
  });
});
