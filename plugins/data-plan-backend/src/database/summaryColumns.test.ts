import {
  applyWaivers,
  evaluatePlan,
  parsePlan,
  SummaryFieldEntry,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  daysBetween,
  historySummary,
  LIST_COLUMNS,
  PLAN_COLUMNS,
  sinceColumns,
  summaryOf,
  summaryRow,
  utcDay,
  worstScore,
} from './summaryColumns';

const plan = parsePlan(
  readFileSync(
    resolve(
      __dirname,
      '../../../../examples/data-projects/sales-orders/PLAN.md',
    ),
    'utf8',
  ),
);
const evaluation = evaluatePlan(plan);
const counts = {
  object_count: 7,
  risk_total: 4,
  risk_high: 2,
  risk_unmitigated: 1,
  risk_top_score: 9,
  validation_pass: 3,
  validation_fail: 2,
  validation_pending: 2,
  validation_unknown: 0,
  error_count: 0,
  warning_count: 3,
  info_count: evaluation.summary.counts.info,
  waived_count: 0,
  risk_low_low: 0,
  risk_low_medium: 1,
  risk_low_high: 0,
  risk_medium_low: 0,
  risk_medium_medium: 1,
  risk_medium_high: 1,
  risk_high_low: 0,
  risk_high_medium: 0,
  risk_high_high: 1,
  // No repository check yet: none of its figures.
  repository_findings: null,
  unit_test_coverage: null,
  deploy_coverage: null,
  rollback_coverage: null,
};

describe('summaryColumns', () => {
  it('computes a row of plan columns from a plan and its evaluation', () => {
    const row = summaryRow(plan, evaluation);
    expect(row).toEqual({
      status: 'IN_PROGRESS',
      plan_version: plan.metadata.planVersion,
      ...counts,
    });
    expect(Object.keys(row)).toEqual(PLAN_COLUMNS);
  });

  it('stores text as a column can hold it, and no value as NULL', () => {
    const row = summaryRow(
      {
        ...plan,
        metadata: { planVersion: 'v\u00001' },
        risks: [],
      },
      { ...evaluation, risks: { ...evaluation.risks, topScore: undefined } },
    );
    expect(row).toMatchObject({
      status: null,
      plan_version: 'v\uFFFD1',
      risk_total: 0,
      risk_top_score: null,
    });
  });

  it('records the counts for trends, without status or version', () => {
    expect(JSON.parse(historySummary(summaryRow(plan, evaluation)))).toEqual(
      counts,
    );
  });

  it('reads a listed row back as a summary, leaving out what has no value', () => {
    const row = {
      ...summaryRow(plan, evaluation),
      entity_ref: 'component:default/sales-orders',
      title: '',
      owner: 'group:default/sales-analytics',
      system: 'system:default/commerce',
      // PostgreSQL gives sums and bigints as text, SQLite times as epoch milliseconds.
      risk_total: '4',
      risk_top_score: null,
      last_refreshed_at: Date.UTC(2026, 10, 28, 10),
      last_error: null,
      status_since: new Date(Date.UTC(2026, 10, 20, 23, 59)),
      policy_name: 'production',
      // Stuck from a time that has come, as PostgreSQL gives a timestamp.
      stuck_from: new Date(Date.UTC(2026, 10, 27)),
    };
    expect(Object.keys(row)).toEqual(expect.arrayContaining([...LIST_COLUMNS]));
    const today = new Date(Date.UTC(2026, 10, 28, 10));
    expect(summaryOf(row, today)).toEqual({
      entityRef: 'component:default/sales-orders',
      owner: 'group:default/sales-analytics',
      status: 'IN_PROGRESS',
      planVersion: plan.metadata.planVersion,
      objects: 7,
      risks: { total: 4, high: 2, unmitigated: 1 },
      validation: { pass: 3, fail: 2, pending: 2, unknown: 0 },
      findings: {
        error: 0,
        warning: 3,
        info: evaluation.summary.counts.info,
        waived: 0,
      },
      lastRefreshedAt: '2026-11-28T10:00:00.000Z',
      daysInStatus: 8,
      policy: 'production',
      stuckSince: '2026-11-27T00:00:00.000Z',
      system: 'system:default/commerce',
    });
    // Stuck from a time still to come: not stuck yet.
    expect(
      summaryOf({ ...row, stuck_from: Date.UTC(2026, 10, 29) }, today),
    ).not.toHaveProperty('stuckSince');
    expect(summaryOf({ ...row, status_since: null }, today)).not.toHaveProperty(
      'daysInStatus',
    );
  });

  it('ranks errors, a read error, failed validation, unmitigated risks, the top score and warnings in that order', () => {
    const row = summaryRow(plan, evaluation);
    expect(worstScore(row, false)).toBe(2 * 1e6 + 1 * 1e4 + 9 * 1e3 + 3);
    expect(worstScore(row, true)).toBe(worstScore(row, false) + 1e8);
    expect(worstScore({ ...row, error_count: 5000 }, false)).toBe(
      worstScore({ ...row, error_count: 999 }, false),
    );
    // A project never read ranks by its read error alone.
    expect(worstScore({}, true)).toBe(1e8);
  });

  it('ranks a waived finding as nothing', () => {
    // The unmitigated risk, waived by its text (its content key).
    const warning = evaluation.findings.find(
      f => f.rule === 'unmitigated-risk',
    )!;
    const waived = applyWaivers(
      evaluation,
      [
        {
          index: 0,
          rule: warning.rule,
          match: { risk: 'Late-arriving POS orders' },
          reason: 'Accepted until the feed is fixed',
          approvedBy: 'group:default/data-leads',
          expires: '2099-12-31',
        },
      ],
      { today: '2026-11-28' },
    );
    const row = summaryRow(plan, waived);
    expect(row).toMatchObject({ warning_count: 2, waived_count: 1 });
    expect(worstScore(row, false)).toBe(
      worstScore(summaryRow(plan, evaluation), false) - 1,
    );
  });

  describe('a field counting the days since another changed', () => {
    const daysInStatus: SummaryFieldEntry = {
      path: ['daysInStatus'],
      key: 'daysInStatus',
      field: {
        type: 'integer',
        optional: true,
        listed: true,
        column: 'status_since',
        source: { kind: 'daysSince', of: 'status' },
      },
    };
    const began = new Date(Date.UTC(2026, 10, 1, 23, 30));
    const now = new Date(Date.UTC(2026, 10, 28, 10));

    it('takes the time of a new result when the watched field changes or has no time yet', () => {
      const stored = { status: 'REVIEW', status_since: began };
      const next = (status: string | null) => ({ status });
      expect(sinceColumns(stored, next('REVIEW'), now, [daysInStatus])).toEqual(
        {},
      );
      expect(
        sinceColumns(stored, next('APPROVED'), now, [daysInStatus]),
      ).toEqual({ status_since: now });
      expect(sinceColumns(stored, next(null), now, [daysInStatus])).toEqual({
        status_since: now,
      });
      expect(
        sinceColumns(undefined, next('REVIEW'), now, [daysInStatus]),
      ).toEqual({ status_since: now });
      expect(
        sinceColumns(
          { status: 'REVIEW', status_since: null },
          next('REVIEW'),
          now,
          [daysInStatus],
        ),
      ).toEqual({ status_since: now });
      expect(
        sinceColumns({ status: null, status_since: began }, next(null), now, [
          daysInStatus,
        ]),
      ).toEqual({});
    });

    it('counts UTC calendar days', () => {
      expect(daysBetween(began, began)).toBe(0);
      expect(daysBetween(began, new Date(Date.UTC(2026, 10, 2, 0, 10)))).toBe(
        1,
      );
      expect(daysBetween(began, now)).toBe(27);
      expect(utcDay(now)).toBe('2026-11-28');
    });
  });
});
