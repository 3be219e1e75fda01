import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  checkedPlanResponse,
  errorResponse,
  failedRefresh,
  PLAN_PATH,
  planResponse,
  renderEntityComponent,
  samplePlanText,
  serviceEntity,
  unreadPlan,
} from '../EntityDataPlanContent/__testUtils__';
import { EntityDataPlanCard } from './EntityDataPlanCard';

describe('EntityDataPlanCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows progress while the plan loads', async () => {
    server.use(http.get(PLAN_PATH, () => delay('infinite')));

    await renderEntityComponent(<EntityDataPlanCard />);

    expect(
      screen.getByRole('heading', { level: 2, name: 'Data plan' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('summarises status, validation, top risks and problems, and links to the tab', async () => {
    const response = planResponse(samplePlanText('sales-orders'));
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(response)));

    await renderEntityComponent(<EntityDataPlanCard />);

    expect(await screen.findByText('In progress')).toBeInTheDocument();

    // 3 of 5 decided criteria pass (Test Pass Rate and Requirement Coverage fail).
    expect(screen.getByText('60% pass rate')).toBeInTheDocument();
    const results = screen.getByRole('list', { name: 'Criteria by result' });
    expect(results).toHaveTextContent('3 pass');
    expect(results).toHaveTextContent('2 fail');
    expect(results).toHaveTextContent('2 pending');

    const risks = within(
      screen.getByRole('list', { name: 'Top risks' }),
    ).getAllByRole('listitem');
    expect(risks).toHaveLength(3);
    expect(risks[0]).toHaveTextContent(
      'Late-arriving POS ordersUnmitigatedHigh probability, High impact, score 9',
    );
    expect(risks[1]).toHaveTextContent('Customer key changes upstream');
    expect(risks[1]).toHaveTextContent(
      'Medium probability, High impact, score 6',
    );
    expect(risks[1]).not.toHaveTextContent('Unmitigated');
    expect(screen.queryByText('Snowflake credit overrun')).toBeNull();

    const { counts } = response.evaluation!.summary;
    const problems = screen.getByRole('list', {
      name: 'Diagnostics and findings by severity',
    });
    expect(problems).toHaveTextContent(
      `${counts.error} error${counts.error === 1 ? '' : 's'}`,
    );
    expect(problems).toHaveTextContent(`${counts.warning} warnings`);
    expect(counts.warning).toBeGreaterThan(1);

    expect(screen.getByRole('link', { name: /View plan/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/sales-orders/data-plan',
    );
  });

  it('shows the days in the current status, counted from since when it has it, and the waived findings', async () => {
    const response = planResponse(samplePlanText('sales-orders'));
    response.statusSince = new Date(Date.now() - 3 * 86_400_000).toISOString();
    response.diagnostics[0] = {
      ...response.diagnostics[0],
      waiver: {
        reason: 'Accepted for the pilot',
        approvedBy: 'user:default/jane',
        expires: '2030-01-31',
      },
    };
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(response)));

    await renderEntityComponent(<EntityDataPlanCard />);

    expect(await screen.findByText('for 3 days')).toBeInTheDocument();
    expect(
      screen.getByRole('list', {
        name: 'Diagnostics and findings by severity',
      }),
    ).toHaveTextContent('1 waived');
  });

  it('counts the drift of the last repository check, linking to the tab section', async () => {
    const response = await checkedPlanResponse();
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(response)));

    await renderEntityComponent(<EntityDataPlanCard />);

    // The sample's one drift: src/consumption/views/weekly_sales.sql, named by no step.
    expect(
      await screen.findByRole('link', { name: 'Drift: 1 finding' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/sales-orders/data-plan#repository',
    );
  });

  it('does not count a waived repository finding as drift', async () => {
    const response = await checkedPlanResponse();
    response.diagnostics = response.diagnostics.map(d =>
      d.rule === 'orphan-sql-file'
        ? {
            ...d,
            waiver: {
              reason: 'Kept for the old dashboard',
              approvedBy: 'user:default/jane',
              expires: '2026-09-30',
            },
          }
        : d,
    );
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(response)));

    await renderEntityComponent(<EntityDataPlanCard />);

    expect(
      await screen.findByRole('link', { name: 'Drift: 0 findings' }),
    ).toBeInTheDocument();
  });

  it('says the drift is not known before a repository check', async () => {
    server.use(
      http.get(PLAN_PATH, () =>
        HttpResponse.json(planResponse(samplePlanText('sales-orders'))),
      ),
    );

    await renderEntityComponent(<EntityDataPlanCard />);

    expect(
      await screen.findByText('Drift: not checked yet'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Drift/ })).toBeNull();
  });

  it('says nothing of days in status when the response does not say since when', async () => {
    server.use(
      http.get(PLAN_PATH, () =>
        HttpResponse.json(planResponse(samplePlanText('sales-orders'))),
      ),
    );

    await renderEntityComponent(<EntityDataPlanCard />);

    expect(await screen.findByText('In progress')).toBeInTheDocument();
    expect(screen.queryByText(/^for \d+ days?$/)).toBeNull();
    expect(
      screen.getByRole('list', {
        name: 'Diagnostics and findings by severity',
      }),
    ).toHaveTextContent('0 waived');
  });

  it('counts errors', async () => {
    const response = planResponse(samplePlanText('customer-360'));
    response.evaluation!.summary.counts = { error: 1, warning: 0, info: 0 };
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(response)));

    await renderEntityComponent(<EntityDataPlanCard />);

    const problems = await screen.findByRole('list', {
      name: 'Diagnostics and findings by severity',
    });
    expect(problems).toHaveTextContent('1 error');
    expect(problems).toHaveTextContent('0 warnings');
  });

  it('says how to add a plan for an entity without one, and links nowhere', async () => {
    await renderEntityComponent(<EntityDataPlanCard />, {
      entity: serviceEntity,
    });

    expect(
      screen.getByText(/This entity has no data plan/),
    ).toBeInTheDocument();
    expect(screen.getByText('dataplan/plan: PLAN.md')).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'create a data project from the template',
      }),
    ).toHaveAttribute('href', '/create');
    expect(screen.queryByRole('link', { name: /View plan/ })).toBeNull();
  });

  it('says so when the backend has no plan (404)', async () => {
    server.use(
      http.get(PLAN_PATH, () => errorResponse(404, 'no plan', 'NotFoundError')),
    );

    await renderEntityComponent(<EntityDataPlanCard />);

    expect(
      await screen.findByText(/This entity has no data plan/),
    ).toBeInTheDocument();
  });

  it('shows a failed request compactly', async () => {
    server.use(http.get(PLAN_PATH, () => errorResponse(500, 'database down')));

    await renderEntityComponent(<EntityDataPlanCard />);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the data plan',
    );
  });

  it('says when the plan has not been read yet', async () => {
    server.use(http.get(PLAN_PATH, () => HttpResponse.json(unreadPlan())));

    await renderEntityComponent(<EntityDataPlanCard />);

    expect(
      await screen.findByText('The plan has not been read yet.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /View plan/ })).toBeInTheDocument();
  });

  it('keeps the last good summary below a read error', async () => {
    server.use(
      http.get(PLAN_PATH, () =>
        HttpResponse.json(
          planResponse(samplePlanText('sales-orders'), {
            refresh: failedRefresh('PLAN.md not found at HEAD', 2 * 86_400_000),
          }),
        ),
      ),
    );

    await renderEntityComponent(<EntityDataPlanCard />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('PLAN.md not found at HEAD');
    expect(alert).toHaveTextContent('Last good read: 2 days ago');
    expect(screen.getByText('60% pass rate')).toBeInTheDocument();
  });

  it('renders HTML in risk text as text', async () => {
    const script = '<script>alert(1)</script>';
    const img = '<img src=x onerror=alert(1)>';
    const text = samplePlanText('sales-orders')
      .replace('Late-arriving POS orders', `Late ${script}`)
      .replace('Customer key changes upstream', `Keys ${img}`);
    server.use(
      http.get(PLAN_PATH, () => HttpResponse.json(planResponse(text))),
    );

    const { container } = await renderEntityComponent(<EntityDataPlanCard />);

    expect(await screen.findByText(`Late ${script}`)).toBeInTheDocument();
    expect(screen.getByText(`Keys ${img}`)).toBeInTheDocument();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
  });
});
