import {
  Level,
  LEVELS,
  ParsedPlan,
  PlanEvaluation,
} from '@dataplan/plugin-data-plan-common';
import { storedText } from './storedText';

type RiskCells = { [cell in `risk_${Level}_${Level}`]: number };

/** The summary columns of a project row, derived from its plan and evaluation. */
export interface PlanSummaryColumns extends RiskCells {
  status: string | null;
  plan_version: string | null;
  object_count: number;
  risk_total: number;
  risk_high: number;
  risk_unmitigated: number;
  risk_top_score: number | null;
  validation_pass: number;
  validation_fail: number;
  validation_pending: number;
  validation_unknown: number;
  error_count: number;
  warning_count: number;
  info_count: number;
}

/** The summary column names, in the order {@link summarize} gives them. */
export const SUMMARY_COLUMNS: ReadonlyArray<keyof PlanSummaryColumns> = [
  'status',
  'plan_version',
  'object_count',
  'risk_total',
  'risk_high',
  'risk_unmitigated',
  'risk_top_score',
  'validation_pass',
  'validation_fail',
  'validation_pending',
  'validation_unknown',
  'error_count',
  'warning_count',
  'info_count',
  ...LEVELS.flatMap(p => LEVELS.map(i => `risk_${p}_${i}` as const)),
];

export function summarize(
  plan: ParsedPlan,
  evaluation: PlanEvaluation,
): PlanSummaryColumns {
  const columns = {
    status: plan.metadata.status ?? null,
    plan_version: storedText(plan.metadata.planVersion) ?? null,
    object_count: plan.objects.length,
    risk_total: plan.risks.length,
    risk_high: evaluation.risks.highRisks,
    risk_unmitigated: evaluation.risks.unmitigated.length,
    risk_top_score: evaluation.risks.topScore ?? null,
    validation_pass: evaluation.validation.counts.pass,
    validation_fail: evaluation.validation.counts.fail,
    validation_pending: evaluation.validation.counts.pending,
    validation_unknown: evaluation.validation.counts.unknown,
    error_count: evaluation.summary.counts.error,
    warning_count: evaluation.summary.counts.warning,
    info_count: evaluation.summary.counts.info,
  } as PlanSummaryColumns;
  for (const probability of LEVELS) {
    for (const impact of LEVELS) {
      columns[`risk_${probability}_${impact}`] =
        evaluation.risks.matrix[probability][impact];
    }
  }
  return columns;
}

/**
 * Worst first: plan errors, then a failing read, then failed validation, then high-impact
 * risks without mitigation, then the top risk score, then warnings.
 */
export function worstScore(
  columns: PlanSummaryColumns,
  hasReadError: boolean,
): number {
  return (
    Math.min(columns.error_count, 999) * 1e9 +
    (hasReadError ? 1 : 0) * 1e8 +
    Math.min(columns.validation_fail, 99) * 1e6 +
    Math.min(columns.risk_unmitigated, 99) * 1e4 +
    (columns.risk_top_score ?? 0) * 1e3 +
    Math.min(columns.warning_count, 999)
  );
}

/** What a history row records: the summary that trends are drawn from. */
export function historySummary(columns: PlanSummaryColumns): string {
  const { status: _status, plan_version: _version, ...counts } = columns;
  return JSON.stringify(counts);
}
