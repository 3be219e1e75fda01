import { PlanSummary } from '@dataplan/plugin-data-plan-common';
import { PLAN_CSV_HEADER, planCsvRows } from './planCsv';

const summary: PlanSummary = {
  entityRef: 'component:default/sales-orders',
  title: 'Sales Orders',
  owner: 'group:default/sales-analytics',
  status: 'IN_PROGRESS',
  planVersion: '1.2',
  objects: 7,
  risks: { total: 4, high: 2, unmitigated: 1, topScore: 9 },
  validation: { pass: 3, fail: 2, pending: 2, unknown: 0 },
  findings: { error: 0, warning: 3, info: 1, waived: 2 },
  lastRefreshedAt: '2026-11-28T10:00:00.000Z',
};

describe('planCsv', () => {
  it('has a header per exported summary field, in table order', () => {
    expect(PLAN_CSV_HEADER).toBe(
      `${[
        'entity_ref',
        'title',
        'owner',
        'status',
        'plan_version',
        'objects',
        'risks',
        'high_risks',
        'unmitigated_high_impact_risks',
        'top_risk_score',
        'validation_pass',
        'validation_fail',
        'validation_pending',
        'validation_unknown',
        'errors',
        'warnings',
        'waived',
        'last_refreshed_at',
        'last_error',
        'days_in_status',
        'policy',
        'stuck_since',
        'system',
        'drift',
        'unit_test_coverage',
        'deploy_coverage',
        'rollback_coverage',
      ]
        .map(h => `"${h}"`)
        .join(',')}\r\n`,
    );
  });

  it('writes a row per summary, a value missing as an empty cell', () => {
    const { topScore: _, ...risks } = summary.risks;
    expect(
      planCsvRows([
        {
          ...summary,
          daysInStatus: 12,
          policy: 'production',
          stuckSince: '2026-11-20T00:00:00.000Z',
          system: 'system:default/commerce',
        },
        { ...summary, risks },
      ]),
    ).toBe(
      '"component:default/sales-orders","Sales Orders","group:default/sales-analytics","IN_PROGRESS","1.2","7","4","2","1","9","3","2","2","0","0","3","2","2026-11-28T10:00:00.000Z",,"12","production","2026-11-20T00:00:00.000Z","system:default/commerce",,,,\r\n' +
        '"component:default/sales-orders","Sales Orders","group:default/sales-analytics","IN_PROGRESS","1.2","7","4","2","1",,"3","2","2","0","0","3","2","2026-11-28T10:00:00.000Z",,,,,,,,,\r\n',
    );
  });

  it('writes the drift and coverages of a project checked against its repository', () => {
    const row = planCsvRows([
      {
        ...summary,
        repository: { findings: 3, unitTestCoverage: 67, deployCoverage: 0 },
      },
    ]);
    // The last four columns: drift, unit test, deploy and rollback coverage.
    expect(row.trimEnd().split(',').slice(-4)).toEqual([
      '"3"',
      '"67"',
      '"0"',
      '',
    ]);
  });
});
