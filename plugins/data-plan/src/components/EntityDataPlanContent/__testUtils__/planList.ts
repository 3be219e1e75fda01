import {
  PlanFacetsResponse,
  PlanSummary,
} from '@dataplan/plugin-data-plan-common';

/** A row of the plan list for the component `name`: nothing found, read 5 minutes ago. */
export function planSummary(
  name: string,
  overrides: Partial<PlanSummary> = {},
): PlanSummary {
  return {
    entityRef: `component:default/${name}`,
    owner: 'group:default/sales-analytics',
    objects: 4,
    risks: { total: 0, high: 0, unmitigated: 0 },
    validation: { pass: 0, fail: 0, pending: 0, unknown: 0 },
    findings: { error: 0, warning: 0, info: 0, waived: 0 },
    lastRefreshedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    ...overrides,
  };
}

/** Facets over 4,321 projects of three owners (the governance page's tests check these numbers). */
export const planFacets: PlanFacetsResponse = {
  totalCount: 4321,
  stuck: 12,
  drifted: 1205,
  byStatus: {
    DRAFT: 120,
    REVIEW: 80,
    APPROVED: 40,
    IN_PROGRESS: 1000,
    COMPLETE: 3000,
    UNKNOWN: 81,
  },
  riskMatrix: {
    low: { low: 10, medium: 4, high: 1 },
    medium: { low: 3, medium: 2, high: 6 },
    high: { low: 0, medium: 7, high: 12 },
  },
  byOwner: [
    {
      owner: 'group:default/crm',
      count: 900,
      errors: 1,
      unmitigatedHighRisks: 0,
    },
    {
      owner: 'group:default/sales-analytics',
      count: 3000,
      errors: 40,
      unmitigatedHighRisks: 9,
    },
    {
      owner: 'group:default/supply-chain',
      count: 421,
      errors: 0,
      unmitigatedHighRisks: 2,
    },
  ],
  findings: { error: 77, warning: 150, info: 9 },
  waived: 5,
  rules: [
    { rule: 'unmitigated-risk', severity: 'error', projects: 310 },
    { rule: 'placeholder', severity: 'warning', projects: 95 },
  ],
};
