import {
  HistoryMetric,
  validationPassRate,
} from '@dataplan/plugin-data-plan-common';
import { HistoryEntry } from '../../database/DataPlanStore';
import {
  HISTORY_COUNT_COLUMNS,
  HistoryCountKey,
} from '../../database/summaryColumns';

const COUNT_COLUMNS = Object.entries(HISTORY_COUNT_COLUMNS) as Array<
  [HistoryCountKey, string]
>;

/** What a history row counts: each metric of HISTORY_METRICS, and its criteria decided. */
export type HistoryCounts = Record<HistoryCountKey, number>;

/** The counts a history row's summary holds; a value it lacks counts 0. */
export function historyCounts(entry: HistoryEntry): HistoryCounts {
  const counts = {} as HistoryCounts;
  for (const [key, column] of COUNT_COLUMNS) {
    counts[key] = Number(entry.summary[column] ?? 0) || 0;
  }
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
