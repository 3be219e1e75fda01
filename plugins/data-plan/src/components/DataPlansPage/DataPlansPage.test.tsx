import { alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  ListPlansResponse,
  PlanFacetsResponse,
  PlanRollupResponse,
} from '@dataplan/plugin-data-plan-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { dataPlanApiRef } from '../../api';
import { createDataProjectRouteRef } from '../../routes';
import {
  API_BASE_URL,
  createTestClient,
  errorResponse,
  planFacets,
  planSummary,
  trendsHandler,
} from '../EntityDataPlanContent/__testUtils__';
import { DataPlansPage } from './DataPlansPage';

// Worst first, as the backend orders them: the page must keep this order.
const salesOrders = planSummary('sales-orders', {
  title: 'Sales Orders Pipeline',
  status: 'IN_PROGRESS',
  risks: { total: 3, high: 2, unmitigated: 1, topScore: 9 },
  validation: { pass: 3, fail: 1, pending: 2, unknown: 0 },
  findings: { error: 2, warning: 5, info: 1, waived: 0 },
  lastError: 'PLAN.md could not be fetched: 404',
  policy: 'production',
  stuckSince: '2026-11-20T00:00:00.000Z',
  // Checked against its repository: one orphan file, nothing deployed to roll back.
  repository: { findings: 1, unitTestCoverage: 67, deployCoverage: 100 },
});
const inventoryForecast = planSummary('inventory-forecast', {
  title: 'Inventory Forecast',
  owner: 'group:default/supply-chain',
  status: 'DRAFT',
  risks: { total: 1, high: 0, unmitigated: 0, topScore: 2 },
  findings: { error: 0, warning: 3, info: 0, waived: 1 },
  repository: {
    findings: 4,
    unitTestCoverage: 0,
    deployCoverage: 50,
    rollbackCoverage: 25,
  },
});
const customer360 = planSummary('customer-360', {
  title: 'Customer 360',
  owner: 'group:default/crm',
  status: 'COMPLETE',
  validation: { pass: 6, fail: 0, pending: 0, unknown: 0 },
});

const firstPage: ListPlansResponse = {
  items: [salesOrders, inventoryForecast, customer360],
  totalCount: 4321,
  nextCursor: 'cursor-page-2',
};
const secondPage: ListPlansResponse = {
  items: [planSummary('zeta-marts', { title: 'Zeta Marts', status: 'REVIEW' })],
  totalCount: 4321,
};

const server = setupServer();
registerMswTestHooks(server);

interface Backend {
  list?: (url: URL) => ListPlansResponse | Response | Promise<Response>;
  facets?: (url: URL) => PlanFacetsResponse;
  rollup?: (url: URL) => PlanRollupResponse | Response;
  csv?: () => Response;
}

/** Roll-ups by system and by group, as the backend gives them: worst first. */
function rollupOf(url: URL): PlanRollupResponse {
  if (url.searchParams.get('by') === 'system') {
    return {
      by: 'system',
      rows: [
        {
          ref: 'system:default/commerce',
          count: 3100,
          errors: 40,
          unmitigatedHighRisks: 9,
        },
        { ref: '', count: 1221, errors: 1, unmitigatedHighRisks: 2 },
      ],
      totalRows: 2,
    };
  }
  return {
    by: 'group',
    rows: [
      {
        ref: 'group:default/data-org',
        count: 4321,
        errors: 41,
        unmitigatedHighRisks: 11,
      },
      {
        ref: 'group:default/sales-analytics',
        count: 3000,
        errors: 40,
        unmitigatedHighRisks: 9,
      },
    ],
    totalRows: 7,
  };
}

/** Serves the list routes and the trends, and records every request URL they see. */
function serve(backend: Backend = {}) {
  const seen = {
    plans: [] as URL[],
    facets: [] as URL[],
    rollup: [] as URL[],
    csv: [] as URL[],
    trends: [] as URL[],
  };
  const {
    list = url =>
      url.searchParams.get('cursor') === 'cursor-page-2'
        ? secondPage
        : firstPage,
    // Like the backend, an owner filter narrows the owner roll-up too.
    facets: facetsOf = url => {
      const owners = url.searchParams.get('owner')?.split(',');
      return owners
        ? {
            ...planFacets,
            byOwner: planFacets.byOwner.filter(o => owners.includes(o.owner)),
          }
        : planFacets;
    },
    rollup = rollupOf,
    csv = () =>
      new HttpResponse('entity_ref,title\ncomponent:default/sales-orders,x\n', {
        headers: { 'Content-Type': 'text/csv' },
      }),
  } = backend;
  server.use(
    http.get(`${API_BASE_URL}/plans`, async ({ request }) => {
      const url = new URL(request.url);
      seen.plans.push(url);
      const body = await list(url);
      return body instanceof Response ? body : HttpResponse.json(body);
    }),
    http.get(`${API_BASE_URL}/plans/facets`, ({ request }) => {
      const url = new URL(request.url);
      seen.facets.push(url);
      return HttpResponse.json(facetsOf(url));
    }),
    http.get(`${API_BASE_URL}/plans/rollup`, ({ request }) => {
      const url = new URL(request.url);
      seen.rollup.push(url);
      const body = rollup(url);
      return body instanceof Response ? body : HttpResponse.json(body);
    }),
    http.get(`${API_BASE_URL}/plans/export.csv`, ({ request }) => {
      seen.csv.push(new URL(request.url));
      return csv();
    }),
    trendsHandler(url => seen.trends.push(url)),
  );
  return seen;
}

const alertApi = { post: jest.fn() };

async function renderPage(route = '/data-plans') {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [dataPlanApiRef, createTestClient()],
        [alertApiRef, alertApi],
      ]}
    >
      <DataPlansPage />
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/create': createDataProjectRouteRef,
      },
    },
  );
}

/** The project cells of the table body, top to bottom. */
function projectColumn(): string[] {
  const table = screen.getByRole('table', { name: 'Data projects' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('rowheader')[0].textContent ?? '');
}

function rowOf(projectTitle: string): HTMLElement {
  return screen.getByRole('link', { name: projectTitle }).closest('tr')!;
}

const last = (urls: URL[]) => urls[urls.length - 1];

/** Waits until the latest request of both the list and its facets carries `param=value`. */
async function expectBothQueried(
  seen: ReturnType<typeof serve>,
  param: string,
  value: string,
) {
  await waitFor(() => {
    expect(last(seen.plans).searchParams.get(param)).toBe(value);
    // With an owner filter, one more facets request (without it) fetches the owner options.
    expect(seen.facets.map(url => url.searchParams.get(param))).toContain(
      value,
    );
  });
  // ...and until their responses are on screen.
  await waitFor(() =>
    expect(
      screen.queryByRole('progressbar', {
        name: /Loading data projects|Updating the summary/,
      }),
    ).toBeNull(),
  );
}

/** Waits until the owner roll-up lists exactly these owners. */
async function expectOwnerRollup(owners: string[]) {
  await waitFor(() => {
    const table = screen.getByRole('table', { name: 'Projects by owner' });
    const rows = within(table).getAllByRole('rowheader');
    expect(rows.map(row => row.textContent)).toEqual(owners);
  });
}

/** Opens the owner filter and waits until it offers exactly these owners. */
async function expectOwnerOptions(owners: string[]) {
  fireEvent.mouseDown(screen.getByRole('textbox', { name: 'Owner' }));
  await waitFor(() =>
    expect(
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual(owners),
  );
}

async function chooseOption(label: string, option: string) {
  const input = screen.getByRole('textbox', { name: label });
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value: option.slice(0, 3) } });
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('DataPlansPage', () => {
  beforeEach(() => alertApi.post.mockReset());

  it('shows a progress bar while the first page loads', async () => {
    let release = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    serve({
      list: async () => {
        await gate;
        return HttpResponse.json(firstPage);
      },
    });
    await renderPage();

    expect(
      await screen.findByRole('progressbar', { name: 'Loading data projects' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Data projects' })).toBeNull();

    release();
    expect(
      await screen.findByRole('table', { name: 'Data projects' }),
    ).toBeInTheDocument();
  });

  it('lists the page worst first, as the backend ordered it, with links and statuses', async () => {
    serve();
    await renderPage();

    expect(screen.getByRole('heading', { name: 'Data plans' })).toBeVisible();
    await screen.findByRole('table', { name: 'Data projects' });
    expect(projectColumn()).toEqual([
      'Sales Orders Pipeline',
      'Inventory Forecast',
      'Customer 360',
    ]);
    expect(
      screen.getByRole('link', { name: 'Sales Orders Pipeline' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/sales-orders/data-plan',
    );

    const sales = within(rowOf('Sales Orders Pipeline'));
    expect(sales.getByText('In progress')).toBeInTheDocument();
    expect(sales.getByText('Step 4 of 5')).toBeInTheDocument();
    expect(sales.getByText('Policy production')).toBeInTheDocument();
    // The Stuck column: since when, in words; "No" for a plan that is not stuck.
    const cellUnder = (row: HTMLElement, header: string) => {
      const headers = within(
        screen.getByRole('table', { name: 'Data projects' }),
      ).getAllByRole('columnheader');
      const index = headers.findIndex(h => h.textContent === header);
      return row.querySelectorAll<HTMLElement>('td, th')[index];
    };
    expect(
      cellUnder(rowOf('Sales Orders Pipeline'), 'Stuck'),
    ).toHaveTextContent('Since 2026-11-20');
    expect(cellUnder(rowOf('Inventory Forecast'), 'Stuck')).toHaveTextContent(
      /^No$/,
    );
    expect(cellUnder(rowOf('Inventory Forecast'), 'Waived')).toHaveTextContent(
      /^1$/,
    );
    expect(
      cellUnder(rowOf('Sales Orders Pipeline'), 'Waived'),
    ).toHaveTextContent(/^0$/);
    // Drift and coverage from the last repository check; a dash for none yet.
    expect(
      cellUnder(rowOf('Sales Orders Pipeline'), 'Drift'),
    ).toHaveTextContent(/^1$/);
    expect(cellUnder(rowOf('Inventory Forecast'), 'Drift')).toHaveTextContent(
      /^4$/,
    );
    expect(cellUnder(rowOf('Customer 360'), 'Drift')).toHaveTextContent(/^–$/);
    expect(
      cellUnder(rowOf('Sales Orders Pipeline'), 'Coverage'),
    ).toHaveTextContent('Unit tests 67%Deploy 100%Rollback –');
    expect(
      cellUnder(rowOf('Inventory Forecast'), 'Coverage'),
    ).toHaveTextContent('Unit tests 0%Deploy 50%Rollback 25%');
    expect(cellUnder(rowOf('Customer 360'), 'Coverage')).toHaveTextContent(
      /^–$/,
    );
    expect(
      sales.getByRole('progressbar', {
        name: 'Lifecycle: step 4 of 5, In progress',
      }),
    ).toHaveAttribute('aria-valuenow', '80');
    expect(sales.getByText('Score 9 of 9')).toBeInTheDocument();
    expect(sales.getByText('2 high, 1 unmitigated')).toBeInTheDocument();
    expect(sales.getByText('3 pass, 1 fail, 2 pending')).toBeInTheDocument();
    expect(sales.getByText('5 minutes ago')).toBeInTheDocument();
    expect(
      sales.getByText('Last read failed: PLAN.md could not be fetched: 404'),
    ).toBeInTheDocument();
    expect(
      sales.getByRole('link', { name: 'sales-analytics' }),
    ).toHaveAttribute('href', '/catalog/default/group/sales-analytics');

    expect(
      within(rowOf('Inventory Forecast')).getByText('Draft'),
    ).toBeVisible();
    expect(within(rowOf('Customer 360')).getByText('Complete')).toBeVisible();
    expect(within(rowOf('Customer 360')).getByText('No risks')).toBeVisible();
    expect(screen.getByTestId('page-range')).toHaveTextContent('1–3 of 4,321');
  });

  it('summarises every matching project from the facets, not from the page', async () => {
    serve();
    await renderPage();

    await screen.findByRole('table', { name: 'Data projects' });
    expect(screen.getByTestId('facets-total-count')).toHaveTextContent('4,321');

    // Only one complete project is on the page; the facets count 3,000.
    const complete = within(screen.getByTestId('status-row-COMPLETE'));
    expect(complete.getByText('Complete')).toBeInTheDocument();
    expect(complete.getByText('3,000')).toBeInTheDocument();
    expect(complete.getByText('69%')).toBeInTheDocument();
    const unknown = within(screen.getByTestId('status-row-UNKNOWN'));
    expect(unknown.getByText('No status')).toBeInTheDocument();
    expect(unknown.getByText('81')).toBeInTheDocument();

    expect(screen.getByTestId('finding-total-error')).toHaveTextContent('77');
    expect(screen.getByTestId('finding-total-warning')).toHaveTextContent(
      '150',
    );
    expect(screen.getByTestId('finding-total-info')).toHaveTextContent('9');
    expect(screen.getByTestId('facets-drifted')).toHaveTextContent(
      'Drifted from their plan: 1,205',
    );

    const matrix = screen.getByRole('table', {
      name: 'Risks across all matching projects',
    });
    expect(
      within(matrix).getByLabelText(
        '12 risks with High probability and High impact',
      ),
    ).toHaveTextContent('12');

    // Owners roll up worst first: most projects with errors at the top.
    const owners = screen.getByRole('table', { name: 'Projects by owner' });
    const ownerRows = within(owners).getAllByRole('row').slice(1);
    expect(ownerRows.map(row => row.textContent)).toEqual([
      'sales-analytics3,000409',
      'crm90010',
      'supply-chain42102',
    ]);
  });

  it('says when there are no data projects at all, and where to create one', async () => {
    serve({ list: () => ({ items: [], totalCount: 0 }) });
    await renderPage();

    expect(await screen.findByText('No data projects yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create page' })).toHaveAttribute(
      'href',
      '/create',
    );
    expect(screen.queryByRole('table', { name: 'Data projects' })).toBeNull();
  });

  it('says when the filters match nothing, and clears them on request', async () => {
    const seen = serve({
      list: url =>
        url.searchParams.has('status')
          ? { items: [], totalCount: 0 }
          : firstPage,
    });
    await renderPage('/data-plans?status=REVIEW');

    expect(
      await screen.findByText('No data projects match these filters'),
    ).toBeInTheDocument();
    expect(screen.queryByText('No data projects yet')).toBeNull();

    const [emptyStateButton] = screen
      .getAllByRole('button', { name: 'Clear filters' })
      .reverse();
    fireEvent.click(emptyStateButton);
    await screen.findByRole('table', { name: 'Data projects' });
    expect(last(seen.plans).searchParams.has('status')).toBe(false);
  });

  it('shows the error when the list request fails', async () => {
    serve({
      list: () => errorResponse(500, 'the database is down'),
    });
    await renderPage();

    expect(await screen.findByText('the database is down')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Data projects' })).toBeNull();
  });

  it('keeps the table when only the summary fails', async () => {
    serve();
    server.use(
      http.get(`${API_BASE_URL}/plans/facets`, () =>
        errorResponse(500, 'facets timed out'),
      ),
    );
    await renderPage();

    expect(await screen.findByText('facets timed out')).toBeInTheDocument();
    expect(
      screen.getByText('Error: Could not load the summary'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Sales Orders Pipeline' }),
    ).toBeVisible();
  });

  it('sends the owner filter to the list and the facets', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });

    await chooseOption('Owner', 'supply-chain');

    await expectBothQueried(seen, 'owner', 'group:default/supply-chain');
    // The choice shows as a removable chip in the filter.
    expect(screen.getByRole('button', { name: 'supply-chain' })).toBeVisible();
    await expectOwnerRollup(['supply-chain']);
    // The other owners stay on offer, so that a second one can be added.
    await expectOwnerOptions(['crm', 'sales-analytics', 'supply-chain']);
  });

  it('applies an owner from the roll-up when clicked', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });

    fireEvent.click(
      screen.getByRole('button', { name: 'Filter by owner crm' }),
    );

    await expectBothQueried(seen, 'owner', 'group:default/crm');
    expect(screen.getByRole('button', { name: 'crm' })).toBeVisible();
    await expectOwnerRollup(['crm']);
    await expectOwnerOptions(['crm', 'sales-analytics', 'supply-chain']);
  });

  describe('roll-up by system and by group', () => {
    it('offers owner, system and group, and fetches a roll-up only when its tab is chosen', async () => {
      const seen = serve();
      await renderPage('/data-plans?status=COMPLETE');
      await screen.findByRole('table', { name: 'Data projects' });
      const tabs = within(screen.getByRole('tablist', { name: 'Roll up by' }));
      expect(tabs.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
        'Owner',
        'System',
        'Group',
      ]);
      expect(tabs.getByRole('tab', { name: 'Owner' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await expectOwnerRollup(['sales-analytics', 'crm', 'supply-chain']);
      expect(seen.rollup).toEqual([]);

      fireEvent.click(tabs.getByRole('tab', { name: 'System' }));
      const systems = await screen.findByRole('table', {
        name: 'Projects by system',
      });
      expect(screen.getByRole('tabpanel', { name: 'System' })).toContainElement(
        systems,
      );
      expect(
        within(systems)
          .getAllByRole('row')
          .slice(1)
          .map(row => row.textContent),
      ).toEqual(['commerce3,100409', 'No system1,22112']);
      // With the page's filters.
      expect(last(seen.rollup).searchParams.get('by')).toBe('system');
      expect(last(seen.rollup).searchParams.get('status')).toBe('COMPLETE');

      fireEvent.click(tabs.getByRole('tab', { name: 'Group' }));
      const groups = await screen.findByRole('table', {
        name: 'Projects by group',
      });
      expect(
        within(groups)
          .getAllByRole('rowheader')
          .map(row => row.textContent),
      ).toEqual(['data-org', 'sales-analytics']);
      // More groups than the backend sends: the card says so.
      expect(screen.getByText('The worst 2 of 7.')).toBeInTheDocument();
    });

    it('filters the list, facets and trends by a system or group clicked, in the URL', async () => {
      const seen = serve();
      await renderPage();
      await screen.findByRole('table', { name: 'Data projects' });
      const tabs = within(screen.getByRole('tablist', { name: 'Roll up by' }));

      fireEvent.click(tabs.getByRole('tab', { name: 'Group' }));
      fireEvent.click(
        await screen.findByRole('button', { name: 'Filter by group data-org' }),
      );
      await expectBothQueried(seen, 'group', 'group:default/data-org');
      await waitFor(() =>
        expect(last(seen.trends).searchParams.get('group')).toBe(
          'group:default/data-org',
        ),
      );
      // The roll-ups are asked with the new filter too.
      await waitFor(() =>
        expect(last(seen.rollup).searchParams.get('group')).toBe(
          'group:default/data-org',
        ),
      );
      expect(screen.getByText('Group: data-org')).toBeVisible();

      fireEvent.click(tabs.getByRole('tab', { name: 'System' }));
      fireEvent.click(
        await screen.findByRole('button', {
          name: 'Filter by system commerce',
        }),
      );
      await expectBothQueried(seen, 'system', 'system:default/commerce');
      expect(last(seen.plans).searchParams.get('group')).toBe(
        'group:default/data-org',
      );
      // Projects without a system cannot be filtered on.
      expect(
        screen.queryByRole('button', { name: /Filter by system No system/ }),
      ).toBeNull();

      fireEvent.click(
        screen.getByRole('button', {
          name: 'Remove the group filter data-org',
        }),
      );
      await waitFor(() =>
        expect(last(seen.plans).searchParams.has('group')).toBe(false),
      );
      expect(last(seen.plans).searchParams.get('system')).toBe(
        'system:default/commerce',
      );
      expect(screen.queryByText('Group: data-org')).toBeNull();
    });

    it('reads a system and a group from the URL', async () => {
      const seen = serve();
      await renderPage(
        '/data-plans?system=system%3Adefault%2Fcommerce&group=group%3Adefault%2Fdata-org',
      );
      await waitFor(() => {
        const url = last(seen.plans);
        expect(url.searchParams.get('system')).toBe('system:default/commerce');
        expect(url.searchParams.get('group')).toBe('group:default/data-org');
      });
      expect(await screen.findByText('System: commerce')).toBeVisible();
      expect(screen.getByText('Group: data-org')).toBeVisible();
      fireEvent.click(
        screen.getAllByRole('button', { name: 'Clear filters' })[0],
      );
      await waitFor(() => {
        expect(last(seen.plans).searchParams.has('system')).toBe(false);
        expect(last(seen.plans).searchParams.has('group')).toBe(false);
      });
    });

    it('shows a failed roll-up in its card and keeps the rest of the page', async () => {
      serve({ rollup: () => errorResponse(500, 'rollup timed out') });
      await renderPage();
      await screen.findByRole('table', { name: 'Data projects' });
      fireEvent.click(screen.getByRole('tab', { name: 'Group' }));
      expect(await screen.findByText('rollup timed out')).toBeInTheDocument();
      expect(
        screen.getByText('Error: Could not load the roll-up'),
      ).toBeInTheDocument();
      expect(screen.getByTestId('facets-total-count')).toHaveTextContent(
        '4,321',
      );
    });
  });

  it('sends the status filter to the list and the facets', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });

    await chooseOption('Status', 'Draft');
    await expectBothQueried(seen, 'status', 'DRAFT');

    await chooseOption('Status', 'Complete');
    await expectBothQueried(seen, 'status', 'DRAFT,COMPLETE');
    expect(screen.getByRole('button', { name: 'Draft' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Complete' })).toBeVisible();
  });

  it('sends "has errors" as severity=error and unmitigated high risk as a flag', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Has errors' }));
    await expectBothQueried(seen, 'severity', 'error');

    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Has unmitigated high risk' }),
    );
    await expectBothQueried(seen, 'unmitigatedHighRisk', 'true');
    expect(last(seen.plans).searchParams.get('severity')).toBe('error');
  });

  it('lists the top findings and filters by a rule when it is clicked, until the filter is removed', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });

    const top = screen.getByRole('table', { name: 'Top findings by rule' });
    expect(
      within(top)
        .getAllByRole('row')
        .slice(1)
        .map(row => row.textContent),
    ).toEqual(['unmitigated-riskError310', 'placeholderWarning95']);

    const rule = screen.getByRole('button', {
      name: 'Filter by rule unmitigated-risk',
    });
    expect(rule).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(rule);
    await expectBothQueried(seen, 'rule', 'unmitigated-risk');
    expect(
      screen.getByRole('button', { name: 'Filter by rule unmitigated-risk' }),
    ).toHaveAttribute('aria-pressed', 'true');

    fireEvent.click(
      screen.getByRole('button', {
        name: 'Rule: unmitigated-risk, remove this filter',
      }),
    );
    await waitFor(() =>
      expect(last(seen.plans).searchParams.has('rule')).toBe(false),
    );
    expect(
      screen.queryByRole('button', { name: /^Rule: .*remove this filter$/ }),
    ).toBeNull();
  });

  it('sends the stuck and waived toggles as flags', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Stuck' }));
    await expectBothQueried(seen, 'stuck', 'true');
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Has waived findings' }),
    );
    await expectBothQueried(seen, 'waived', 'true');
    expect(last(seen.plans).searchParams.get('stuck')).toBe('true');
  });

  it('filters by drift from the checkbox, with a chip that removes the filter', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });
    expect(
      screen.queryByRole('button', {
        name: 'Drifted from plan, remove this filter',
      }),
    ).toBeNull();

    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Drifted from plan' }),
    );
    await expectBothQueried(seen, 'drifted', 'true');
    await waitFor(() =>
      expect(last(seen.trends).searchParams.get('drifted')).toBe('true'),
    );
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Drifted from plan, remove this filter',
      }),
    );
    await waitFor(() =>
      expect(last(seen.plans).searchParams.has('drifted')).toBe(false),
    );
    expect(
      screen.getByRole('checkbox', { name: 'Drifted from plan' }),
    ).not.toBeChecked();
    expect(
      screen.queryByRole('button', {
        name: 'Drifted from plan, remove this filter',
      }),
    ).toBeNull();
  });

  it('sends the search text once typing pauses', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });

    const search = screen.getByRole('searchbox', { name: 'Search projects' });
    fireEvent.change(search, { target: { value: 's' } });
    fireEvent.change(search, { target: { value: 'sal' } });
    fireEvent.change(search, { target: { value: 'sales' } });

    await expectBothQueried(seen, 'text', 'sales');
    const texts = [...seen.plans, ...seen.facets].map(url =>
      url.searchParams.get('text'),
    );
    expect(texts).not.toContain('s');
    expect(texts).not.toContain('sal');
  });

  it('reads the filters from the URL, so a shared link shows the same view', async () => {
    const seen = serve();
    await renderPage(
      '/data-plans?owner=group%3Adefault%2Fcrm&status=COMPLETE&errors=true&unmitigated=true&stuck=true&waived=true&drifted=true&rule=placeholder&q=customer',
    );
    await screen.findByRole('table', { name: 'Data projects' });

    for (const url of [seen.plans[0], seen.facets[0]]) {
      expect(url.searchParams.get('owner')).toBe('group:default/crm');
      expect(url.searchParams.get('status')).toBe('COMPLETE');
      expect(url.searchParams.get('severity')).toBe('error');
      expect(url.searchParams.get('unmitigatedHighRisk')).toBe('true');
      expect(url.searchParams.get('stuck')).toBe('true');
      expect(url.searchParams.get('waived')).toBe('true');
      expect(url.searchParams.get('drifted')).toBe('true');
      expect(url.searchParams.get('rule')).toBe('placeholder');
      expect(url.searchParams.get('text')).toBe('customer');
    }
    expect(screen.getByRole('checkbox', { name: 'Stuck' })).toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Drifted from plan' }),
    ).toBeChecked();
    expect(
      screen.getByRole('button', {
        name: 'Drifted from plan, remove this filter',
      }),
    ).toBeVisible();
    expect(
      screen.getByRole('button', {
        name: 'Rule: placeholder, remove this filter',
      }),
    ).toBeVisible();
    expect(screen.getByRole('checkbox', { name: 'Has errors' })).toBeChecked();
    expect(
      screen.getByRole('searchbox', { name: 'Search projects' }),
    ).toHaveValue('customer');

    fireEvent.click(
      screen.getAllByRole('button', { name: 'Clear filters' })[0],
    );
    await waitFor(() =>
      expect(last(seen.plans).search).toBe('?sort=worst&order=desc&limit=25'),
    );
    expect(last(seen.facets).search).toBe('');
    expect(
      screen.getByRole('checkbox', { name: 'Has errors' }),
    ).not.toBeChecked();
    expect(
      screen.getByRole('searchbox', { name: 'Search projects' }),
    ).toHaveValue('');
  });

  it('asks the backend for another order when a header is clicked', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });
    expect(seen.plans[0].searchParams.get('sort')).toBe('worst');
    expect(seen.plans[0].searchParams.get('order')).toBe('desc');

    fireEvent.click(screen.getByRole('button', { name: 'Project' }));
    await waitFor(() => {
      expect(last(seen.plans).searchParams.get('sort')).toBe('name');
      expect(last(seen.plans).searchParams.get('order')).toBe('asc');
    });
    const table = screen.getByRole('table', { name: 'Data projects' });
    expect(
      within(table).getByRole('columnheader', { name: 'Project' }),
    ).toHaveAttribute('aria-sort', 'ascending');

    fireEvent.click(screen.getByRole('button', { name: 'Project' }));
    await waitFor(() =>
      expect(last(seen.plans).searchParams.get('order')).toBe('desc'),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Highest risk' }));
    await waitFor(() => {
      expect(last(seen.plans).searchParams.get('sort')).toBe('risk');
      expect(last(seen.plans).searchParams.get('order')).toBe('desc');
    });

    fireEvent.click(screen.getByRole('button', { name: 'Sort worst first' }));
    await waitFor(() =>
      expect(last(seen.plans).searchParams.get('sort')).toBe('worst'),
    );
    // Sorting does not change what is counted.
    expect(seen.facets).toHaveLength(1);
  });

  it('pages forward with the cursor and back to the first page', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByRole('link', { name: 'Zeta Marts' }),
    ).toBeVisible();
    expect(last(seen.plans).searchParams.get('cursor')).toBe('cursor-page-2');
    expect(screen.getByTestId('page-range')).toHaveTextContent(
      '26–26 of 4,321',
    );
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(
      await screen.findByRole('link', { name: 'Sales Orders Pipeline' }),
    ).toBeVisible();
    expect(last(seen.plans).searchParams.has('cursor')).toBe(false);
    expect(screen.getByTestId('page-range')).toHaveTextContent('1–3 of 4,321');
  });

  it('starts again at the first page when the filters or the page size change', async () => {
    const seen = serve();
    await renderPage();
    await screen.findByRole('table', { name: 'Data projects' });

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByRole('link', { name: 'Zeta Marts' });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Has errors' }));
    await screen.findByRole('link', { name: 'Sales Orders Pipeline' });
    expect(last(seen.plans).searchParams.get('severity')).toBe('error');
    expect(last(seen.plans).searchParams.has('cursor')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByRole('link', { name: 'Zeta Marts' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Rows per page' }), {
      target: { value: '50' },
    });
    await waitFor(() =>
      expect(last(seen.plans).searchParams.get('limit')).toBe('50'),
    );
    expect(last(seen.plans).searchParams.has('cursor')).toBe(false);
    // The stale cursor never went out with the new query.
    expect(
      seen.plans.filter(
        url =>
          url.searchParams.get('limit') === '50' &&
          url.searchParams.has('cursor'),
      ),
    ).toHaveLength(0);
  });

  describe('CSV export', () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:data-plans');
    const revokeObjectURL = jest.fn();
    let click: jest.SpyInstance;

    beforeEach(() => {
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      createObjectURL.mockClear();
      revokeObjectURL.mockClear();
      click = jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(() => {});
    });
    afterEach(() => click.mockRestore());

    it('downloads every matching row from the backend as data-plans.csv', async () => {
      const seen = serve();
      await renderPage('/data-plans?status=DRAFT&errors=true');
      await screen.findByRole('table', { name: 'Data projects' });

      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
      expect(seen.csv).toHaveLength(1);
      expect(seen.csv[0].searchParams.get('status')).toBe('DRAFT');
      expect(seen.csv[0].searchParams.get('severity')).toBe('error');
      expect(seen.csv[0].searchParams.has('cursor')).toBe(false);
      expect(seen.csv[0].searchParams.has('limit')).toBe(false);

      const anchor = click.mock.contexts[0] as HTMLAnchorElement;
      expect(anchor.download).toBe('data-plans.csv');
      expect(anchor.getAttribute('href')).toBe('blob:data-plans');
      expect(await createObjectURL.mock.calls[0][0].text()).toContain(
        'component:default/sales-orders',
      );
      await waitFor(() =>
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:data-plans'),
      );
      expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
    });

    it('reports a failed export through the alert API', async () => {
      serve({
        csv: () => errorResponse(500, 'export failed'),
      });
      await renderPage();
      await screen.findByRole('table', { name: 'Data projects' });

      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      await waitFor(() =>
        expect(alertApi.post).toHaveBeenCalledWith(
          expect.objectContaining({
            severity: 'error',
            message: 'Could not export the data plans: export failed',
          }),
        ),
      );
      expect(click).not.toHaveBeenCalled();
      expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
    });
  });

  it('renders markup in a plan title as text', async () => {
    const title = '<img src=x onerror=alert(1)>';
    serve({
      list: () => ({ items: [planSummary('evil', { title })], totalCount: 1 }),
    });
    const { container } = await renderPage();

    expect(await screen.findByRole('link', { name: title })).toHaveTextContent(
      title,
    );
    expect(container.querySelector('img[src="x"]')).toBeNull();
  });
  describe('trends', () => {
    /** The query of the latest trends request, as an object. */
    const lastTrendQuery = (seen: ReturnType<typeof serve>) =>
      Object.fromEntries(last(seen.trends).searchParams);

    it('draws projects by status and findings, each with a text alternative', async () => {
      serve();
      await renderPage();

      const byStatus = await screen.findByRole('img', {
        name: 'Projects by status',
      });
      expect(byStatus).toHaveAccessibleDescription(
        'Projects went from 3 to 5 over 89 days. ' +
          'On Mar 31, 2026: 2 In progress, 2 Complete, 1 No status.',
      );
      expect(
        screen.getByRole('img', {
          name: 'Errors, unmitigated high risks and drift',
        }),
      ).toHaveAccessibleDescription(
        'Errors went from 4 to 1 over 89 days. ' +
          'Unmitigated high risks stayed at 2 over 89 days. ' +
          'Drift from plan went from 0 to 2 over 89 days.',
      );
      expect(
        within(
          screen.getByRole('table', {
            name: 'Errors, unmitigated high risks and drift by date',
          }),
        )
          .getAllByRole('row')
          .map(row => row.textContent),
      ).toEqual([
        'DateErrorsUnmitigated high risksDrift from plan',
        'Jan 1, 2026' + '420',
        'Feb 15, 2026' + '321',
        'Mar 31, 2026' + '122',
      ]);
      const table = screen.getByRole('table', {
        name: 'Projects by status and date',
      });
      expect(
        within(table)
          .getAllByRole('row')
          .map(row => row.textContent),
      ).toEqual([
        'DateDraftIn reviewApprovedIn progressCompleteNo statusTotal',
        // Draft, In review, Approved, In progress, Complete, No status, Total.
        'Jan 1, 2026' + '210000' + '3',
        'Feb 15, 2026' + '110200' + '4',
        'Mar 31, 2026' + '000221' + '5',
      ]);
      expect(
        screen.getByText('Jan 1, 2026 to Mar 31, 2026, a point per day'),
      ).toBeInTheDocument();
    });

    it('sends the list filters from the URL and the interval', async () => {
      const seen = serve();
      await renderPage(
        '/data-plans?owner=group%3Adefault%2Fcrm&status=COMPLETE&errors=true&unmitigated=true&stuck=true&waived=true&rule=placeholder&q=customer',
      );
      await screen.findByRole('img', { name: 'Projects by status' });

      expect(seen.trends).toHaveLength(1);
      expect(lastTrendQuery(seen)).toEqual({
        owner: 'group:default/crm',
        status: 'COMPLETE',
        severity: 'error',
        unmitigatedHighRisk: 'true',
        stuck: 'true',
        waived: 'true',
        rule: 'placeholder',
        text: 'customer',
        interval: 'day',
      });
    });

    it('asks again when a filter or the interval changes', async () => {
      const seen = serve();
      await renderPage();
      await screen.findByRole('img', { name: 'Projects by status' });
      expect(lastTrendQuery(seen)).toEqual({ interval: 'day' });

      fireEvent.click(screen.getByRole('checkbox', { name: 'Has errors' }));
      await waitFor(() =>
        expect(lastTrendQuery(seen)).toEqual({
          severity: 'error',
          interval: 'day',
        }),
      );

      const weekly = screen.getByRole('button', { name: 'Weekly' });
      expect(weekly).toHaveAttribute('aria-pressed', 'false');
      fireEvent.click(weekly);
      await waitFor(() =>
        expect(lastTrendQuery(seen)).toEqual({
          severity: 'error',
          interval: 'week',
        }),
      );
      expect(
        await screen.findByText(
          'Jan 1, 2026 to Mar 31, 2026, a point per week',
        ),
      ).toBeInTheDocument();
      expect(weekly).toHaveAttribute('aria-pressed', 'true');
      expect(
        within(
          screen.getByRole('table', { name: 'Projects by status and date' }),
        ).getByText('Mar 30, 2026'),
      ).toBeInTheDocument();
    });

    it('shows a failed trend in its card and keeps the rest of the page', async () => {
      serve();
      server.use(
        http.get(`${API_BASE_URL}/plans/trends`, () =>
          errorResponse(400, 'from must not be after to', 'InputError'),
        ),
      );
      await renderPage();

      expect(
        await screen.findByText('from must not be after to'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Error: Could not load the trends'),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('img', { name: 'Projects by status' }),
      ).toBeNull();
      expect(
        await screen.findByRole('link', { name: 'Sales Orders Pipeline' }),
      ).toBeVisible();
    });
  });
});
