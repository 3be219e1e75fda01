import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlanSummary } from './api';
import { applyWaivers } from './plan/applyWaivers';
import { evaluatePlan } from './plan/evaluatePlan';
import { parsePlan } from './plan/parsePlan';
import {
  CriterionResult,
  PlanStatus,
  SEVERITIES,
  Severity,
} from './plan/types';
import {
  SUMMARY_FIELD_ENTRIES,
  SUMMARY_FIELDS,
  summaryFieldEntry,
} from './summaryFields';

/** True only when A and B are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B
  ? 1
  : 2
  ? true
  : false;

/** PlanSummary as it was written by hand before the table: the REST contract, which new fields extend. */
interface ContractSummary {
  entityRef: string;
  title?: string;
  owner?: string;
  status?: PlanStatus;
  planVersion?: string;
  objects: number;
  risks: {
    total: number;
    high: number;
    unmitigated: number;
    topScore?: number;
  };
  validation: Record<CriterionResult, number>;
  findings: Record<Severity, number> & { waived: number };
  lastRefreshedAt?: string;
  lastError?: string;
}
type Flat<T> = { [K in keyof T]: T[K] extends object ? Flat<T[K]> : T[K] };

describe('SUMMARY_FIELDS', () => {
  // The type checker holds this one: `yarn tsc` fails when the shapes differ.
  it('gives PlanSummary the shape of the REST contract', () => {
    const same: Equals<
      Flat<Pick<PlanSummary, keyof ContractSummary>>,
      Flat<ContractSummary>
    > = true;
    expect(same).toBe(true);
  });

  it('lists every field once, by path, in the order of the CSV export', () => {
    const keys = SUMMARY_FIELD_ENTRIES.map(e => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(0, 6)).toEqual([
      'entityRef',
      'title',
      'owner',
      'status',
      'planVersion',
      'objects',
    ]);
    expect(summaryFieldEntry('risks.topScore')).toMatchObject({
      path: ['risks', 'topScore'],
      field: SUMMARY_FIELDS.risks.topScore,
    });
    expect(() => summaryFieldEntry('risks.nothing')).toThrow(
      'No summary field risks.nothing',
    );
  });

  it('stores each field in a column of its own', () => {
    const columns = SUMMARY_FIELD_ENTRIES.map(e => e.field.column);
    expect(new Set(columns).size).toBe(columns.length);
  });

  it('has a field per severity, named after it, and the count of waived findings', () => {
    expect(Object.keys(SUMMARY_FIELDS.findings)).toEqual([
      ...SEVERITIES,
      'waived',
    ]);
    expect(SUMMARY_FIELDS.findings.waived).toMatchObject({
      column: 'waived_count',
      csv: 'waived',
    });
    expect(SUMMARY_FIELDS.findings.warning.column).toBe('warning_count');
  });

  it('computes the plan fields from a plan and its evaluation', () => {
    const plan = parsePlan(
      readFileSync(
        resolve(
          __dirname,
          '../../../examples/data-projects/sales-orders/PLAN.md',
        ),
        'utf8',
      ),
    );
    const evaluation = evaluatePlan(plan);
    const computed = Object.fromEntries(
      SUMMARY_FIELD_ENTRIES.flatMap(({ key, field }) =>
        field.source.kind === 'plan'
          ? [[key, field.source.compute(plan, evaluation)]]
          : [],
      ),
    );
    expect(computed).toEqual({
      status: 'IN_PROGRESS',
      planVersion: plan.metadata.planVersion,
      objects: 7,
      'risks.total': 4,
      'risks.high': 2,
      'risks.unmitigated': 1,
      'risks.topScore': 9,
      'validation.pass': 3,
      'validation.fail': 2,
      'validation.pending': 2,
      'validation.unknown': 0,
      'findings.error': 0,
      'findings.warning': 3,
      'findings.info': evaluation.summary.counts.info,
      'findings.waived': 0,
      riskMatrix: evaluation.risks.matrix,
    });
  });

  it('counts the waived findings, which the severities count no more', () => {
    const plan = parsePlan(
      readFileSync(
        resolve(
          __dirname,
          '../../../examples/data-projects/sales-orders/PLAN.md',
        ),
        'utf8',
      ),
    );
    const evaluation = evaluatePlan(plan);
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
      { today: '2026-01-01' },
    );
    const compute = (key: string) => {
      const source = summaryFieldEntry(key).field.source;
      return source.kind === 'plan' ? source.compute(plan, waived) : undefined;
    };
    expect(compute('findings.waived')).toBe(1);
    expect(compute('findings.warning')).toBe(
      evaluation.summary.counts.warning - 1,
    );
  });
});
