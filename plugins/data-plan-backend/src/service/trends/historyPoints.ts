import {
  HISTORY_METRICS,
  HistoryMetric,
  validationPassRate,
} from '@dataplan/plugin-data-plan-common';
import { HistoryEntry } from '../../database/DataPlanStore';
import { columnOf } from '../../database/summaryColumns';

const METRIC_COLUMNS = Object.entries(HISTORY_METRICS).map(
  ([metric, key]) => [metric as HistoryMetric, columnOf(key)] as const,
);
const PASS = columnOf('validation.pass');
const FAIL = columnOf('validation.fail');

/** What a history row counts: each metric of HISTORY_METRICS, and its criteria decided. */
export interface HistoryCounts extends Record<HistoryMetric, number> {
  pass: number;
  fail: number;
}

/** The counts a history row's summary holds; a value it lacks counts 0. */
export function historyCounts(entry: HistoryEntry): HistoryCounts {
  const value = (column: string) => Number(entry.summary[column] ?? 0) || 0;
  const counts = { pass: value(PASS), fail: value(FAIL) } as HistoryCounts;
  for (const [metric, column] of METRIC_COLUMNS) counts[metric] = value(column);
  return counts;
}

/** The metrics and pass rate of counts, as a history or trend point sends them. */
export function pointValues(counts: HistoryCounts) {
  const values: Record<HistoryMetric, number> & { passRate?: number } = {
    errors: counts.errors,
    warnings: counts.warnings,
    unmitigatedHighRisks: counts.unmitigatedHighRisks,
  };
  const passRate = validationPassRate(counts);
  if (passRate !== undefined) values.passRate = passRate;
  return values;
}
