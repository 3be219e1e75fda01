import { PlanDetailsResponse } from '@dataplan/plugin-data-plan-common';
import { HttpResponse } from 'msw';

/** A backend error response, shaped as Backstage's error handler writes it. */
export function errorResponse(
  status: number,
  message: string,
  name = 'Error',
): Response {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

/** The answer for the sales-orders plan before any successful read: no plan, no diagnostics. */
export function unreadPlan(
  refresh: PlanDetailsResponse['refresh'] = {},
): PlanDetailsResponse {
  return {
    entityRef: 'component:default/sales-orders',
    diagnostics: [],
    refresh,
  };
}

/**
 * The refresh state after the latest read failed with `lastError`; `lastSuccessAgoMs` says
 * how long ago the last good read was (none when left out).
 */
export function failedRefresh(
  lastError: string,
  lastSuccessAgoMs?: number,
): PlanDetailsResponse['refresh'] {
  return {
    lastRefreshedAt: new Date().toISOString(),
    ...(lastSuccessAgoMs === undefined
      ? {}
      : {
          lastSuccessAt: new Date(Date.now() - lastSuccessAgoMs).toISOString(),
        }),
    lastError,
  };
}
