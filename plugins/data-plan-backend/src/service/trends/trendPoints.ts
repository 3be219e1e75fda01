import {
  NO_STATUS,
  PlanTrendPoint,
  StatusCountKey,
} from '@dataplan/plugin-data-plan-common';
import { TrendRow } from '../../database/DataPlanStore';
import {
  HistoryCounts,
  historyCounts,
  pointValues,
  zeroCounts,
} from './historyPoints';
import { TrendPeriod } from './trendRange';

interface PointTotals {
  projects: number;
  byStatus: PlanTrendPoint['byStatus'];
  counts: HistoryCounts;
}

/**
 * The points of a trend: in each, every project counted by its last row recorded before
 * the period's end (a project with none yet is not counted). `rows` are by project, then
 * oldest first, as the store gives them. Linear in rows plus projects times points.
 */
export function trendPoints(
  rows: TrendRow[],
  periods: TrendPeriod[],
): PlanTrendPoint[] {
  const totals: PointTotals[] = periods.map(() => ({
    projects: 0,
    byStatus: {},
    counts: zeroCounts(),
  }));
  const times = rows.map(row => new Date(row.recordedAt).getTime());
  const counts = rows.map(historyCounts);
  for (let first = 0; first < rows.length; ) {
    let next = first;
    while (next < rows.length && rows[next].entityRef === rows[first].entityRef)
      next++;
    let last = first - 1; // the project's row each period counts
    periods.forEach((period, p) => {
      while (last + 1 < next && times[last + 1] < period.end) last++;
      if (last < first) return;
      const total = totals[p];
      total.projects++;
      const status = (rows[last].status ?? NO_STATUS) as StatusCountKey;
      total.byStatus[status] = (total.byStatus[status] ?? 0) + 1;
      for (const key of Object.keys(total.counts) as (keyof HistoryCounts)[])
        total.counts[key] += counts[last][key];
    });
    first = next;
  }
  return periods.map((period, p) => ({
    date: period.date,
    projects: totals[p].projects,
    byStatus: totals[p].byStatus,
    ...pointValues(totals[p].counts),
  }));
}
