import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router-dom';
import { DataPlanClient, dataPlanApiRef } from './api';
import {
  API_BASE_URL,
  historyHandler,
  planPath,
  planResponse,
  renderEntityComponent,
  samplePlanText,
  trendsHandler,
} from './components/EntityDataPlanContent/__testUtils__';
import {
  dataPlanPlugin,
  DataPlansPage,
  EntityDataPlanCard,
  EntityDataPlanContent,
} from './plugin';
import { rootRouteRef } from './routes';

describe('dataPlanPlugin, legacy frontend system', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  beforeEach(() => {
    server.use(
      http.get(planPath('sales-orders'), () =>
        HttpResponse.json(planResponse(samplePlanText('sales-orders'))),
      ),
      historyHandler(),
      trendsHandler(),
    );
  });

  it('provides the Dataplan API and the page route under its plugin id', () => {
    expect(dataPlanPlugin.getId()).toBe('data-plan');
    const apis = [...dataPlanPlugin.getApis()];
    expect(apis.map(factory => factory.api.id)).toEqual([dataPlanApiRef.id]);
    expect(dataPlanPlugin.routes.root).toBe(rootRouteRef);
  });

  it('renders the governance page extension', async () => {
    server.use(
      http.get(`${API_BASE_URL}/plans`, () =>
        HttpResponse.json({ items: [], totalCount: 0 }),
      ),
      http.get(`${API_BASE_URL}/plans/facets`, () =>
        HttpResponse.json({
          totalCount: 0,
          byStatus: {},
          riskMatrix: {
            low: { low: 0, medium: 0, high: 0 },
            medium: { low: 0, medium: 0, high: 0 },
            high: { low: 0, medium: 0, high: 0 },
          },
          byOwner: [],
          findings: { error: 0, warning: 0, info: 0 },
          stuck: 0,
          waived: 0,
          drifted: 0,
          rules: [],
        }),
      ),
    );
    const client = new DataPlanClient({
      discoveryApi: { getBaseUrl: async () => API_BASE_URL },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });

    await renderInTestApp(
      <TestApiProvider apis={[[dataPlanApiRef, client]]}>
        <Routes>
          <Route path="/data-plans" element={<DataPlansPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/data-plans'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(
      screen.getByRole('heading', { name: 'Data plans', level: 1 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/no data projects yet/i),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: 'Projects by status' }),
    ).toBeInTheDocument();
  });

  it('renders the plan tab extension', async () => {
    await renderEntityComponent(<EntityDataPlanContent />);

    expect(
      await screen.findByRole('heading', { name: 'Risks' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('History starts when the plan is first read.'),
    ).toBeInTheDocument();
  });

  it('renders the card extension', async () => {
    await renderEntityComponent(<EntityDataPlanCard />);

    expect(
      await screen.findByRole('link', { name: /view plan/i }),
    ).toBeInTheDocument();
  });
});
