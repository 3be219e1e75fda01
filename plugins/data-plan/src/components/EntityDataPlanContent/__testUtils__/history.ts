import {
  PlanHistoryResponse,
  PlanTrendsResponse,
} from '@dataplan/plugin-data-plan-common';
import { http, HttpResponse } from 'msw';
import { API_BASE_URL, PLAN_PATH } from './fixtures';

/**
 * The sales-orders history over 90 days: drafted on Jan 1 2026, in review from Jan 11, in
 * progress since Feb 1; errors went from 4 to 1, drift from 0 to 1.
 */
export const salesOrdersHistory: PlanHistoryResponse = {
  entityRef: 'component:default/sales-orders',
  backfill: { state: 'done', at: '2026-01-01T09:05:00Z' },
  statuses: [
    {
      status: 'DRAFT',
      since: '2026-01-01T09:00:00Z',
      until: '2026-01-11T10:00:00Z',
      days: 10,
    },
    {
      status: 'REVIEW',
      since: '2026-01-11T10:00:00Z',
      until: '2026-02-01T08:00:00Z',
      days: 21,
    },
    { status: 'IN_PROGRESS', since: '2026-02-01T08:00:00Z', days: 59 },
  ],
  points: [
    {
      recordedAt: '2026-01-01T09:00:00Z',
      status: 'DRAFT',
      planVersion: '1.0.0',
      errors: 4,
      warnings: 6,
      unmitigatedHighRisks: 2,
      drift: 0,
    },
    {
      recordedAt: '2026-01-11T10:00:00Z',
      status: 'REVIEW',
      planVersion: '1.1.0',
      errors: 2,
      warnings: 6,
      unmitigatedHighRisks: 2,
      drift: 0,
      passRate: 0.5,
    },
    {
      recordedAt: '2026-04-01T08:00:00Z',
      status: 'IN_PROGRESS',
      planVersion: '1.2.0',
      errors: 1,
      warnings: 6,
      unmitigatedHighRisks: 1,
      drift: 1,
      passRate: 0.6,
    },
  ],
};

/** A history of one point: the plan was read once. */
export const firstReadHistory: PlanHistoryResponse = {
  entityRef: 'component:default/sales-orders',
  backfill: { state: 'done', at: '2026-04-01T08:05:00Z' },
  statuses: [{ status: 'IN_PROGRESS', since: '2026-04-01T08:00:00Z', days: 0 }],
  points: [salesOrdersHistory.points[2]],
};

/** Answers the sales-orders history route with `body` (the one-read history by default). */
export function historyHandler(
  body: () => PlanHistoryResponse | Response = () => firstReadHistory,
) {
  return http.get(`${PLAN_PATH}/history`, () => {
    const response = body();
    return response instanceof Response
      ? response
      : HttpResponse.json(response);
  });
}

/**
 * A trend of `interval` points from Jan 1 2026: projects go from 3 to 5, errors from 4 to
 * 1, unmitigated high risks stay at 2.
 */
export function planTrends(
  interval: PlanTrendsResponse['interval'] = 'day',
): PlanTrendsResponse {
  return {
    interval,
    from: '2026-01-01',
    to: '2026-03-31',
    points: [
      {
        date: '2026-01-01',
        projects: 3,
        byStatus: { DRAFT: 2, REVIEW: 1 },
        errors: 4,
        warnings: 3,
        unmitigatedHighRisks: 2,
        drift: 0,
      },
      {
        date: interval === 'day' ? '2026-02-15' : '2026-02-16',
        projects: 4,
        byStatus: { DRAFT: 1, REVIEW: 1, IN_PROGRESS: 2 },
        errors: 3,
        warnings: 3,
        unmitigatedHighRisks: 2,
        drift: 1,
        passRate: 0.5,
      },
      {
        date: interval === 'day' ? '2026-03-31' : '2026-03-30',
        projects: 5,
        byStatus: { IN_PROGRESS: 2, COMPLETE: 2, UNKNOWN: 1 },
        errors: 1,
        warnings: 2,
        unmitigatedHighRisks: 2,
        drift: 2,
        passRate: 0.75,
      },
    ],
  };
}

/** Answers `GET /plans/trends` with {@link planTrends} of the requested interval. */
export function trendsHandler(onRequest: (url: URL) => void = () => {}) {
  return http.get(`${API_BASE_URL}/plans/trends`, ({ request }) => {
    const url = new URL(request.url);
    onRequest(url);
    return HttpResponse.json(
      planTrends(url.searchParams.get('interval') === 'week' ? 'week' : 'day'),
    );
  });
}
