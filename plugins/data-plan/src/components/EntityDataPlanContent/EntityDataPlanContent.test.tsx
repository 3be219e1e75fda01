import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  checkedPlanResponse,
  dataProjectEntity,
  errorResponse,
  failedRefresh,
  historyHandler,
  PLAN_PATH,
  planPath,
  planResponse,
  renderEntityComponent,
  samplePlanText,
  serviceEntity,
  unreadPlan,
} from './__testUtils__';
import { EntityDataPlanContent } from './EntityDataPlanContent';

const SECTION_HEADINGS = [
  'Plan status',
  'Diagnostics and findings',
  'Validation results',
  'Risks',
  'Phases and objects',
  'Deploy order',
  'Rollback',
  'Approvals',
  'Repository',
  'History',
];

function tableNamed(name: string) {
  return screen.getByRole('table', { name });
}

/** The first row of the table with a cell reading exactly `text`. */
function rowWith(table: HTMLElement, text: string) {
  const row = within(table).getAllByText(text)[0].closest('tr');
  if (!row) throw new Error(`no row with ${text}`);
  return row;
}

describe('EntityDataPlanContent', () => {
  // Every tab with a plan also reads its history: one read, unless a test says otherwise.
  const server = setupServer(historyHandler());
  registerMswTestHooks(server);

  const salesOrders = () => planResponse(samplePlanText('sales-orders'));

  it('shows progress while the plan loads', async () => {
    server.use(http.get(PLAN_PATH, () => delay('infinite')));

    await renderEntityComponent(<EntityDataPlanContent />);

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  describe('with a plan in progress (sales-orders)', () => {
    /** Serves the sales-orders plan and renders the tab once its sections are there. */
    async function renderSalesOrders() {
      server.use(http.get(PLAN_PATH, () => HttpResponse.json(salesOrders())));
      await renderEntityComponent(<EntityDataPlanContent />);
      await screen.findByRole('heading', { level: 2, name: 'Plan status' });
    }

    it('has a heading per section', async () => {
      await renderSalesOrders();

      for (const name of SECTION_HEADINGS) {
        expect(screen.getByRole('heading', { level: 2, name })).toBeVisible();
      }
    });

    it('shows the status, lifecycle step, versions, effort, policy and last refresh', async () => {
      await renderSalesOrders();

      const lifecycle = screen.getByRole('list', { name: 'Plan lifecycle' });
      const current = lifecycle.querySelector('[aria-current="step"]');
      expect(current).toHaveTextContent('In progress');
      expect(current).toHaveTextContent('Current step');
      expect(within(lifecycle).getAllByText('Done')).toHaveLength(3);
      expect(screen.getAllByText('In progress').length).toBeGreaterThan(1);
      expect(screen.getByText('1.2.0')).toBeInTheDocument();
      expect(screen.getByText('spec-1.3')).toBeInTheDocument();
      expect(screen.getByText('research-1.1')).toBeInTheDocument();
      expect(
        screen.getByText('21 story points / 64 hours'),
      ).toBeInTheDocument();
      expect(screen.getByText('Policy').nextElementSibling).toHaveTextContent(
        'production',
      );
      expect(screen.getByText('5 minutes ago')).toBeInTheDocument();
    });

    it('says in words which criterion failed, with the pass rate', async () => {
      await renderSalesOrders();

      const technical = tableNamed('Technical validation');
      expect(rowWith(technical, 'Test Pass Rate')).toHaveTextContent(
        'Percentage of passing tests100%92%Fail',
      );
      expect(rowWith(technical, 'Object Creation')).toHaveTextContent('Pass');
      expect(rowWith(technical, 'Data Quality')).toHaveTextContent('Pending');
      expect(
        rowWith(tableNamed('Business validation'), 'Timeliness'),
      ).toHaveTextContent('Pass');
      expect(screen.getByText(/^60% pass rate/)).toBeInTheDocument();
      expect(
        screen.getByRole('list', { name: 'Criteria by result' }),
      ).toHaveTextContent('Pass: 3Fail: 2Pending: 2Unknown: 0');
    });

    it('places risks in the matrix and marks the unmitigated one', async () => {
      await renderSalesOrders();

      expect(
        screen.getByRole('cell', {
          name: '1 risk with High probability and High impact',
        }),
      ).toHaveTextContent('1');
      const risks = tableNamed('Risks by score');
      const late = rowWith(risks, 'Late-arriving POS orders');
      expect(late).toHaveTextContent('HighHigh9Unmitigated');
      expect(within(risks).getAllByText('Unmitigated')).toHaveLength(1);
      expect(rowWith(risks, 'Snowflake credit overrun')).toHaveTextContent(
        'Resource monitor at 80% of the monthly quota',
      );
      // Highest score first
      expect(within(risks).getAllByRole('row')[1]).toBe(late);
    });

    it('lists phases with progress and objects with resolved dependencies', async () => {
      await renderSalesOrders();

      expect(
        screen.getByRole('heading', {
          level: 3,
          name: 'Phase 2: Core Implementation',
        }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('progressbar', {
          name: 'Phase 2: Core Implementation: objects specified',
        }),
      ).toHaveAttribute('aria-valuenow', '100');
      const core = tableNamed(
        'Steps and objects of Phase 2: Core Implementation',
      );
      // Written as "ORDERS_CLEAN, CUSTOMERS_RAW"; shown as the objects they resolve to.
      expect(
        rowWith(core, 'SALES_DB.TRANSFORM.ORDERS_ENRICHED'),
      ).toHaveTextContent(
        'transformationviewsrc/transformation/views/orders_enriched.sqlSALES_DB.TRANSFORM.ORDERS_CLEAN, SALES_DB.RAW.CUSTOMERS_RAW',
      );
    });

    it('keeps short columns on one line and lets long ones wrap anywhere', async () => {
      await renderSalesOrders();

      for (const table of [
        tableNamed('Steps and objects of Phase 2: Core Implementation'),
        tableNamed('Deploy order'),
      ]) {
        // Headers and values of the Layer and Kind columns.
        for (const text of ['Layer', 'Kind', 'transformation', 'table']) {
          for (const cell of within(table).getAllByText(text)) {
            expect(getComputedStyle(cell).whiteSpace).toBe('nowrap');
          }
        }
        expect(
          getComputedStyle(within(table).getByText('File')).overflowWrap,
        ).toBe('normal');
        const file = within(table).getByText(
          'src/transformation/views/orders_enriched.sql',
        );
        expect(getComputedStyle(file).overflowWrap).toBe('anywhere');
      }
    });

    it('numbers the deploy order and shows the rollback plan as text', async () => {
      await renderSalesOrders();

      const deploy = tableNamed('Deploy order');
      const names = within(deploy)
        .getAllByRole('rowheader')
        .map(cell => cell.textContent);
      expect(names.indexOf('SALES_DB.RAW.ORDERS_RAW')).toBeLessThan(
        names.indexOf('SALES_DB.TRANSFORM.ORDERS_CLEAN'),
      );
      expect(within(deploy).getAllByRole('row')[1]).toHaveTextContent(/^1/);

      const pre = screen
        .getByText(
          /ALTER TASK SALES_DB\.TRANSFORM\.REFRESH_ORDERS_TASK SUSPEND;/,
        )
        .closest('pre');
      expect(pre).toHaveTextContent(
        'CREATE TABLE SALES_DB.TRANSFORM.ORDERS_CLEAN',
      );
      expect(screen.getByText('backups/2026-10-02/1.2.0/')).toBeInTheDocument();
      expect(
        screen.getByText('Daily sales differ from the ledger by more than 2%'),
      ).toBeInTheDocument();
    });

    it('shows reviewers and the execution approval', async () => {
      await renderSalesOrders();

      expect(
        screen.getByText(
          '2 of 2 reviewers approved, 0 pending, 0 rejected. Execution is approved.',
        ),
      ).toBeInTheDocument();
      expect(
        rowWith(tableNamed('Reviewers'), 'Alice Moreau'),
      ).toHaveTextContent(
        'Platform Lead2026-10-04ApprovedAdd the resource monitor before go-live',
      );
      expect(screen.getByText('2026-10-24 17:00')).toBeInTheDocument();
    });

    it('lists the findings about the failed criterion and the unmitigated risk', async () => {
      await renderSalesOrders();

      const findings = tableNamed('Diagnostics and findings');
      expect(
        rowWith(findings, 'Test Pass Rate: actual 92% misses the target 100%'),
      ).toHaveTextContent('Warningvalidation-failed');
      expect(
        rowWith(
          findings,
          "Risk 'Late-arriving POS orders' has high impact and no mitigation",
        ),
      ).toHaveTextContent('Warningunmitigated-risk');
    });
  });
  it('explains how to add a plan when the entity has none, without asking the backend', async () => {
    // No handler: msw fails the test on any request.
    await renderEntityComponent(<EntityDataPlanContent />, {
      entity: serviceEntity,
    });

    expect(
      screen.getByText('No data plan for this entity'),
    ).toBeInTheDocument();
    expect(document.body).toHaveTextContent('dataplan/plan: PLAN.md');
    expect(
      screen.getByRole('link', {
        name: 'Create a data project from the template',
      }),
    ).toHaveAttribute('href', '/create');
  });

  it('explains how to add a plan when the backend has none (404)', async () => {
    server.use(
      http.get(PLAN_PATH, () => errorResponse(404, 'no plan', 'NotFoundError')),
    );

    await renderEntityComponent(<EntityDataPlanContent />);

    expect(
      await screen.findByText('No data plan for this entity'),
    ).toBeInTheDocument();
    expect(screen.queryByText('no plan')).not.toBeInTheDocument();
  });

  it('shows other request errors in an error panel', async () => {
    server.use(
      http.get(PLAN_PATH, () =>
        errorResponse(403, 'You may not read data plans', 'NotAllowedError'),
      ),
    );

    await renderEntityComponent(<EntityDataPlanContent />);

    expect(
      (await screen.findAllByText(/You may not read data plans/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('No data plan for this entity')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Plan status' })).toBeNull();
  });

  it('reads again when asked after a failed request', async () => {
    let calls = 0;
    server.use(
      http.get(PLAN_PATH, () => {
        calls++;
        return calls === 1
          ? errorResponse(500, 'database down')
          : HttpResponse.json(salesOrders());
      }),
    );

    await renderEntityComponent(<EntityDataPlanContent />);

    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));

    expect(
      await screen.findByRole('heading', { level: 2, name: 'Plan status' }),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('says when the plan has not been read yet, with the refresh button', async () => {
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(unreadPlan())));

    await renderEntityComponent(<EntityDataPlanContent />);

    expect(
      await screen.findByText('The plan has not been read yet'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Refresh' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Plan status' })).toBeNull();
  });

  it('keeps the last good plan below the read error', async () => {
    server.use(
      http.get(PLAN_PATH, () =>
        HttpResponse.json(
          planResponse(samplePlanText('sales-orders'), {
            refresh: failedRefresh('PLAN.md not found at HEAD', 3 * 3_600_000),
          }),
        ),
      ),
    );

    await renderEntityComponent(<EntityDataPlanContent />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The plan could not be read');
    expect(alert).toHaveTextContent('PLAN.md not found at HEAD');
    expect(alert).toHaveTextContent('Last good read: 3 hours ago');
    expect(alert).toHaveTextContent('Showing the plan from that read');
    expect(
      screen.getByRole('heading', { level: 2, name: 'Plan status' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Test Pass Rate')).toBeInTheDocument();
  });

  it('shows only the error when a plan was never read successfully', async () => {
    server.use(
      http.get(PLAN_PATH, () =>
        HttpResponse.json(unreadPlan(failedRefresh('Plan exceeds 1 MB'))),
      ),
    );

    await renderEntityComponent(<EntityDataPlanContent />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Plan exceeds 1 MB');
    expect(alert).toHaveTextContent('Last good read: none yet');
    expect(alert).not.toHaveTextContent('Showing the plan');
    expect(screen.queryByRole('heading', { name: 'Plan status' })).toBeNull();
    expect(screen.queryByText('The plan has not been read yet')).toBeNull();
  });

  it('hides the refresh button when the permission is denied', async () => {
    const authorize = jest.fn<AuthorizeResult.DENY, []>(
      () => AuthorizeResult.DENY,
    );
    server.use(
      http.get(planPath('denied-project'), () =>
        HttpResponse.json(salesOrders()),
      ),
    );

    await renderEntityComponent(<EntityDataPlanContent />, {
      entity: dataProjectEntity('denied-project'),
      permission: authorize,
    });

    expect(
      await screen.findByRole('heading', { name: 'Plan status' }),
    ).toBeInTheDocument();
    // Absence only means something once the decision has been asked for.
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'data-plan.plan.refresh',
          }),
          resourceRef: 'component:default/denied-project',
        }),
      ),
    );
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: /refresh/i })).toBeNull(),
    );
  });

  it('refreshes the plan and shows the new result when allowed', async () => {
    const refreshed = planResponse(
      samplePlanText('sales-orders')
        .replace('`1.2.0`', '`1.3.0`')
        .replace('`IN_PROGRESS`', '`COMPLETE`'),
    );
    const requested = jest.fn();
    server.use(
      http.get(PLAN_PATH, () => HttpResponse.json(salesOrders())),
      http.post(`${PLAN_PATH}/refresh`, async () => {
        requested();
        await delay(50);
        return HttpResponse.json(refreshed);
      }),
    );

    await renderEntityComponent(<EntityDataPlanContent />, {
      permission: AuthorizeResult.ALLOW,
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Refresh' }));

    expect(
      await screen.findByRole('button', { name: 'Refreshing…' }),
    ).toBeDisabled();
    expect(await screen.findByText('1.3.0')).toBeInTheDocument();
    expect(requested).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('1.2.0')).toBeNull();
    const lifecycle = screen.getByRole('list', { name: 'Plan lifecycle' });
    expect(lifecycle.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Complete',
    );
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  });

  it('surfaces a failed refresh and keeps the plan', async () => {
    server.use(
      http.get(PLAN_PATH, () => HttpResponse.json(salesOrders())),
      http.post(`${PLAN_PATH}/refresh`, () =>
        errorResponse(500, 'catalog unavailable'),
      ),
    );

    await renderEntityComponent(<EntityDataPlanContent />);

    fireEvent.click(await screen.findByRole('button', { name: 'Refresh' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Refresh failed',
    );
    expect(screen.getByText('1.2.0')).toBeInTheDocument();
  });

  it('links a diagnostic line to the source only when it has a URL', async () => {
    const response = salesOrders();
    response.diagnostics = [
      {
        key: 'first-rule',
        severity: 'error',
        rule: 'first-rule',
        message: 'errors come first',
      },
      {
        key: 'linked-rule',
        severity: 'warning',
        rule: 'linked-rule',
        message: 'has a link',
        line: 12,
        url: 'https://git.example.com/sales-orders/blob/main/PLAN.md#L12',
      },
      {
        key: 'plain-rule',
        severity: 'info',
        rule: 'plain-rule',
        message: 'has no link',
        line: 40,
      },
      ...response.diagnostics,
    ];
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(response)));

    await renderEntityComponent(<EntityDataPlanContent />);

    const findings = await screen.findByRole('table', {
      name: 'Diagnostics and findings',
    });
    const link = within(findings).getByRole('link', { name: /line 12/ });
    expect(link).toHaveAttribute(
      'href',
      'https://git.example.com/sales-orders/blob/main/PLAN.md#L12',
    );
    const plain = rowWith(findings, 'has no link');
    expect(plain).toHaveTextContent('line 40');
    expect(within(plain).queryByRole('link')).toBeNull();

    const rows = within(findings).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Errorfirst-ruleerrors come first');
    // The response's list is the one list: its findings are listed once each.
    const failed = response.diagnostics.filter(
      f => f.rule === 'validation-failed',
    );
    expect(failed.length).toBeGreaterThan(0);
    expect(within(findings).getAllByText('validation-failed')).toHaveLength(
      failed.length,
    );
  });

  it('shows a waived finding of the response apart, with its waiver', async () => {
    const response = salesOrders();
    response.diagnostics = [
      {
        key: 'unmitigated-risk:late orders',
        severity: 'warning',
        rule: 'unmitigated-risk',
        message: 'Late-arriving POS orders has no mitigation',
        line: 88,
        url: 'https://git.example.com/sales-orders/blob/main/PLAN.md#L88',
        waiver: {
          reason: 'The vendor fixes the feed in Q3',
          approvedBy: 'user:default/jane',
          expires: '2026-09-30',
        },
      },
      ...response.diagnostics,
    ];
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(response)));

    await renderEntityComponent(<EntityDataPlanContent />);

    const waived = await screen.findByRole('table', {
      name: 'Waived findings',
    });
    const row = rowWith(waived, 'Late-arriving POS orders has no mitigation');
    expect(row).toHaveTextContent('The vendor fixes the feed in Q3');
    expect(row).toHaveTextContent('2026-09-30');
    expect(within(row).getByRole('link', { name: /jane/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
    const live = screen.getByRole('table', {
      name: 'Diagnostics and findings',
    });
    expect(live).not.toHaveTextContent('Late-arriving POS orders has no');
  });

  it('shows the repository check of the response in its section, with its drift finding', async () => {
    const response = await checkedPlanResponse();
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(response)));

    await renderEntityComponent(<EntityDataPlanContent />);

    const section = await screen.findByRole('region', { name: 'Repository' });
    const findings = within(section).getByRole('table', {
      name: 'Repository findings',
    });
    expect(
      rowWith(
        findings,
        'src/consumption/views/weekly_sales.sql is not named by any step of the plan',
      ),
    ).toHaveTextContent('orphan-sql-file');
    // Only the repository rules' findings: the plan's own stay in their section.
    expect(findings).not.toHaveTextContent('unmitigated-risk');
    expect(
      within(section).getByRole('list', { name: 'Orphan SQL files' }),
    ).toHaveTextContent('src/consumption/views/weekly_sales.sql');
    const objects = within(section).getByRole('table', {
      name: 'Repository objects',
    });
    expect(within(objects).getAllByRole('row').length - 1).toBe(
      response.plan!.objects.length,
    );
  });

  it('says when the files are checked before the first repository check', async () => {
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(salesOrders())));

    await renderEntityComponent(<EntityDataPlanContent />);

    const section = await screen.findByRole('region', { name: 'Repository' });
    expect(section).toHaveTextContent(
      'have not been checked against the plan yet. Checks run hourly by default, and whenever the plan changes.',
    );
    expect(within(section).queryByRole('table')).toBeNull();
  });

  it('renders HTML in the plan as text', async () => {
    const script = '<script>alert(1)</script>';
    const img = '<img src=x onerror=alert(1)>';
    const text = samplePlanText('sales-orders')
      .replace('Late-arriving POS orders', `Late orders ${script}`)
      .replace('Ready to build', `Looks fine ${img}`)
      .replace('Any test failure', `Any failure ${img}`);
    const response = planResponse(text);
    response.diagnostics.push({
      key: 'html',
      severity: 'error',
      rule: 'html',
      message: `Message ${script}`,
    });
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(response)));

    const { container } = await renderEntityComponent(
      <EntityDataPlanContent />,
    );

    expect(
      await screen.findByText(`Late orders ${script}`),
    ).toBeInTheDocument();
    expect(screen.getByText(`Looks fine ${img}`)).toBeInTheDocument();
    expect(screen.getByText(`Any failure ${img}`)).toBeInTheDocument();
    expect(screen.getByText(`Message ${script}`)).toBeInTheDocument();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('img[onerror]')).toBeNull();
  });
});
