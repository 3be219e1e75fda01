import { PlanHistoryResponse } from '@dataplan/plugin-data-plan-common';
import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import {
  errorResponse,
  firstReadHistory,
  historyHandler,
  renderEntityComponent,
  salesOrdersHistory,
} from './__testUtils__';
import { HistorySection } from './HistorySection';

const salesOrders = {
  kind: 'Component',
  namespace: 'default',
  name: 'sales-orders',
};

describe('HistorySection', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  async function renderHistory() {
    await renderEntityComponent(<HistorySection entity={salesOrders} />);
  }

  it('shows each status with its days, the current one marked', async () => {
    server.use(historyHandler(() => salesOrdersHistory));

    await renderHistory();

    const timeline = await screen.findByRole('list', {
      name: 'Status timeline',
    });
    const runs = within(timeline).getAllByRole('listitem');
    expect(runs.map(run => run.textContent)).toEqual([
      'DraftJan 1, 2026 to Jan 11, 202610 days',
      'In reviewJan 11, 2026 to Feb 1, 202621 days',
      'In progresssince Feb 1, 202659 daysCurrent',
    ]);
    expect(runs[2]).toHaveAttribute('aria-current', 'step');
    expect(runs[0]).not.toHaveAttribute('aria-current');
  });

  it('names the chart and describes it in words and in a table', async () => {
    server.use(historyHandler(() => salesOrdersHistory));

    await renderHistory();

    const chart = await screen.findByRole('img', {
      name: 'Findings and pass rate over time',
    });
    expect(chart).toHaveAccessibleDescription(
      'Errors went from 4 to 1 over 90 days. ' +
        'Warnings stayed at 6 over 90 days. ' +
        'Unmitigated high risks went from 2 to 1 over 90 days. ' +
        'Drift from plan went from 0 to 1 over 90 days. ' +
        'Pass rate went from 50% to 60% over 90 days.',
    );
    const table = screen.getByRole('table', {
      name: 'Findings, unmitigated high risks and pass rate by date',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows.map(row => row.textContent)).toEqual([
      'DateErrorsWarningsUnmitigated high risksDrift from planPass rate',
      'Jan 1, 2026' + '4620' + 'none',
      'Jan 11, 2026' + '2620' + '50%',
      'Apr 1, 2026' + '1611' + '60%',
    ]);
    expect(screen.queryByTestId('history-empty')).toBeNull();
  });

  it('says when history starts while there is only one point', async () => {
    server.use(historyHandler(() => firstReadHistory));

    await renderHistory();

    expect(
      await screen.findByText('History starts when the plan is first read.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
    expect(
      within(screen.getByRole('list', { name: 'Status timeline' })).getByRole(
        'listitem',
      ),
    ).toHaveTextContent('In progresssince Apr 1, 20260 daysCurrent');
  });

  it('shows the empty state when the backend has no history (404)', async () => {
    server.use(
      historyHandler(() => errorResponse(404, 'no history', 'NotFoundError')),
    );

    await renderHistory();

    expect(
      await screen.findByText('History starts when the plan is first read.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/no history/)).toBeNull();
  });

  it.each([
    [{ state: 'done', at: '2026-04-01T08:00:00Z' }, 'from git history'],
    [
      {
        state: 'unsupported',
        reason: 'gitlab.example.com is not a GitHub host',
      },
      'No history from git for this host: gitlab.example.com is not a GitHub host',
    ],
    [{ state: 'failed' }, 'Reading history from git failed.'],
    [
      { state: 'pending', reason: 'github.com rate limit' },
      'waits: github.com rate limit',
    ],
  ])('says how git history was read (%j)', async (backfill, words) => {
    server.use(
      historyHandler(() => ({
        ...salesOrdersHistory,
        backfill: backfill as PlanHistoryResponse['backfill'],
      })),
    );

    await renderHistory();

    expect(
      await screen.findByText(words, { exact: false }),
    ).toBeInTheDocument();
  });

  it('renders a reason as text, never as markup', async () => {
    const reason = '<img src=x onerror=alert(1)> <b>bold</b>';
    server.use(
      historyHandler(() => ({
        ...salesOrdersHistory,
        backfill: { state: 'unsupported', reason },
      })),
    );

    await renderHistory();

    expect(
      await screen.findByText(`No history from git for this host: ${reason}`),
    ).toBeInTheDocument();
    expect(document.querySelector('b, img[src="x"]')).toBeNull();
  });

  it('says nothing about git for a backfill state it does not know', async () => {
    server.use(
      historyHandler(() => ({
        ...salesOrdersHistory,
        backfill: {
          state: 'later',
        } as unknown as PlanHistoryResponse['backfill'],
      })),
    );

    await renderHistory();

    await screen.findByRole('list', { name: 'Status timeline' });
    expect(screen.queryByText(/git/)).toBeNull();
  });

  it('shows a failed read with a retry', async () => {
    let calls = 0;
    server.use(
      historyHandler(() => {
        calls++;
        return calls === 1
          ? errorResponse(500, 'database down')
          : salesOrdersHistory;
      }),
    );

    await renderHistory();

    expect(await screen.findByText('database down')).toBeInTheDocument();
    expect(
      screen.getByText('Error: Could not load the history'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('list', { name: 'Status timeline' }),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });
});
