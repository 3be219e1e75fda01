import {
  HISTORY_METRICS,
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
const METRICS = Object.keys(HISTORY_METRICS) as HistoryMetric[];

/** What a history row counts: each metric of HISTORY_METRICS, and its criteria decided. */
export type HistoryCounts = Record<HistoryCountKey, number>;

/** Every count at 0: where a trend's point starts adding up. */
export function zeroCounts(): HistoryCounts {
  const counts = {} as HistoryCounts;
  for (const [key] of COUNT_COLUMNS) counts[key] = 0;
  return counts;
}

/**
 * The counts a history row's summary holds; a value it lacks counts 0 (a row recorded
 * before a project's first repository check has no drift).
 */
export function historyCounts(entry: HistoryEntry): HistoryCounts {
  const counts = {} as HistoryCounts;
  for (const [key, column] of COUNT_COLUMNS) {
    counts[key] = Number(entry.summary[column] ?? 0) || 0;
  }
  return counts;
}

/** The metrics and pass rate of counts, as a history or trend point sends them. */
export function pointValues(counts: HistoryCounts) {
  const values = {} as Record<HistoryMetric, number> & { passRate?: number };
  for (const metric of METRICS) values[metric] = counts[metric];
  const passRate = validationPassRate(counts);
  if (passRate !== undefined) values.passRate = passRate;
  return values;
}
