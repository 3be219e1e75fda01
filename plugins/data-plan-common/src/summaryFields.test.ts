import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlanSummary } from './api';
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
  findings: Record<Severity, number>;
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

  it('has a field per severity, named after it', () => {
    expect(Object.keys(SUMMARY_FIELDS.findings)).toEqual(SEVERITIES);
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
      riskMatrix: evaluation.risks.matrix,
    });
  });
});
