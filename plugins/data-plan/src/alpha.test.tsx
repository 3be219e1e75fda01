import {
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { ListPlansResponse } from '@dataplan/plugin-data-plan-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import dataPlanPlugin, {
  dataPlanApi,
  dataPlansPage,
  entityDataPlanCard,
  entityDataPlanContent,
} from './alpha';
import {
  firstReadHistory,
  planFacets,
  planResponse,
  planTrends,
  planSummary,
  salesOrdersEntity,
  samplePlanText,
  serviceEntity,
} from './components/EntityDataPlanContent/__testUtils__';

const list: ListPlansResponse = {
  totalCount: 1,
  items: [
    planSummary('sales-orders', {
      title: 'Sales orders',
      status: 'IN_PROGRESS',
    }),
  ],
};

describe('data-plan plugin, new frontend system', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  // The plugin's own API extension builds the client on the test app's discovery API.
  beforeEach(() => {
    server.use(
      http.get('*/api/data-plan/plans', () => HttpResponse.json(list)),
      http.get('*/api/data-plan/plans/facets', () =>
        HttpResponse.json(planFacets),
      ),
      http.get(
        '*/api/data-plan/plans/by-entity/component/default/sales-orders',
        () => HttpResponse.json(planResponse(samplePlanText('sales-orders'))),
      ),
      http.get(
        '*/api/data-plan/plans/by-entity/component/default/sales-orders/history',
        () => HttpResponse.json(firstReadHistory),
      ),
      http.get('*/api/data-plan/plans/trends', () =>
        HttpResponse.json(planTrends()),
      ),
    );
  });

  it('provides the API, the page, the tab and the card', () => {
    const ids = [
      'api:data-plan',
      'page:data-plan',
      'entity-content:data-plan',
      'entity-card:data-plan',
    ];
    for (const id of ids) {
      expect(dataPlanPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('serves the governance page at /data-plans', async () => {
    renderTestApp({
      extensions: [dataPlanApi, dataPlansPage],
      initialRouteEntries: ['/data-plans'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(
      await screen.findByRole('link', { name: 'Sales orders' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/sales-orders/data-plan',
    );
    expect(
      screen.getByRole('heading', { name: 'Data plans', level: 1 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: 'Projects by status' }),
    ).toBeInTheDocument();
  });

  it("links to the scaffolder's page by default, with no binding in the app", async () => {
    server.use(
      http.get('*/api/data-plan/plans', () =>
        HttpResponse.json({ items: [], totalCount: 0 }),
      ),
    );
    const scaffolderRoot = createRouteRef();
    const scaffolder = createFrontendPlugin({
      pluginId: 'scaffolder',
      routes: { root: scaffolderRoot },
      extensions: [
        PageBlueprint.make({
          params: {
            path: '/create',
            routeRef: scaffolderRoot,
            loader: async () => <div>Templates</div>,
          },
        }),
      ],
    });

    renderTestApp({
      features: [dataPlanPlugin, scaffolder],
      initialRouteEntries: ['/data-plans'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(
      await screen.findByRole('link', { name: 'Create page' }),
    ).toHaveAttribute('href', '/create');
  });

  it('shows the plan tab on a data project', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: salesOrdersEntity }),
        dataPlanApi,
        entityDataPlanContent,
      ],
    });

    expect(
      await screen.findByRole('heading', { name: 'Validation results' }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('In progress').length).toBeGreaterThan(0);
    expect(
      await screen.findByText('History starts when the plan is first read.'),
    ).toBeInTheDocument();
  });

  it('shows the card on a data project and not on other entities', async () => {
    const { unmount } = renderTestApp({
      extensions: [
        createTestEntityPage({ entity: salesOrdersEntity }),
        dataPlanApi,
        entityDataPlanCard,
      ],
    });
    expect(
      await screen.findByRole('link', { name: /view plan/i }),
    ).toBeInTheDocument();
    unmount();

    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: serviceEntity }),
        dataPlanApi,
        entityDataPlanCard,
      ],
    });
    // The entity page has filtered its cards: none is left for a service.
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /view plan/i })).toBeNull();
    expect(screen.queryByText('Data plan')).toBeNull();
  });
});
