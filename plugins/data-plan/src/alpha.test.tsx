import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  ListPlansResponse,
  PlanFacetsResponse,
} from '@dataplan/plugin-data-plan-common';
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
  planResponse,
  salesOrdersEntity,
  samplePlanText,
  serviceEntity,
} from './components/EntityDataPlanContent/__testUtils__';

const facets: PlanFacetsResponse = {
  totalCount: 1,
  byStatus: { IN_PROGRESS: 1 },
  riskMatrix: {
    low: { low: 0, medium: 0, high: 0 },
    medium: { low: 0, medium: 1, high: 0 },
    high: { low: 0, medium: 0, high: 2 },
  },
  byOwner: [
    {
      owner: 'group:default/sales-analytics',
      count: 1,
      errors: 1,
      unmitigatedHighRisks: 1,
    },
  ],
  findings: { error: 1, warning: 2, info: 0 },
};

const list: ListPlansResponse = {
  totalCount: 1,
  items: [
    {
      entityRef: 'component:default/sales-orders',
      title: 'Sales orders',
      owner: 'group:default/sales-analytics',
      status: 'IN_PROGRESS',
      objects: 6,
      risks: { total: 3, high: 1, unmitigated: 1, topScore: 9 },
      validation: { pass: 4, fail: 2, pending: 1, unknown: 0 },
      findings: { error: 1, warning: 2, info: 0 },
    },
  ],
};

describe('data-plan plugin, new frontend system', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  // The plugin's own API extension builds the client on the test app's discovery API.
  beforeEach(() => {
    server.use(
      http.get('*/api/data-plan/plans', () => HttpResponse.json(list)),
      http.get('*/api/data-plan/plans/facets', () => HttpResponse.json(facets)),
      http.get(
        '*/api/data-plan/plans/by-entity/component/default/sales-orders',
        () => HttpResponse.json(planResponse(samplePlanText('sales-orders'))),
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
    // Give the lazy card a chance to load; it must not, for a service.
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByRole('link', { name: /view plan/i })).toBeNull();
    expect(screen.queryByText('Data plan')).toBeNull();
  });
});
