import {
  PlanHistoryResponse,
  PlanStatus,
} from '@dataplan/plugin-data-plan-common';
import { BackfillStatus, HistoryEntry } from '../../database/DataPlanStore';
import { daysBetween } from '../../database/summaryColumns';
import { historyCounts, pointValues } from './historyPoints';

type StatusRun = PlanHistoryResponse['statuses'][number];

/**
 * GET /plans/by-entity/…/history from a project's history rows, oldest first: the runs of
 * one status with their days (up to `today` for the current one), a point per row (with
 * its commit when it was backfilled), and how the backfill from the repository went.
 */
export function planHistoryResponse(
  entityRef: string,
  entries: HistoryEntry[],
  today: Date,
  backfill: BackfillStatus = { state: 'pending' },
): PlanHistoryResponse {
  const statuses: StatusRun[] = [];
  for (const entry of entries) {
    const current = statuses[statuses.length - 1];
    if (current && current.status === entry.status) continue;
    if (current) current.until = entry.recordedAt;
    statuses.push({
      ...(entry.status ? { status: entry.status as PlanStatus } : {}),
      since: entry.recordedAt,
      days: 0,
    });
  }
  for (const run of statuses) {
    const until = run.until ? new Date(run.until) : today;
    run.days = Math.max(0, daysBetween(new Date(run.since), until));
  }
  return {
    entityRef,
    statuses,
    points: entries.map(entry => ({
      recordedAt: entry.recordedAt,
      ...(entry.status ? { status: entry.status as PlanStatus } : {}),
      ...(entry.planVersion ? { planVersion: entry.planVersion } : {}),
      ...pointValues(historyCounts(entry)),
      ...(entry.commit ? { commit: entry.commit } : {}),
    })),
    backfill: {
      state: backfill.state,
      ...(backfill.reason ? { reason: backfill.reason } : {}),
      ...(backfill.at ? { at: backfill.at } : {}),
    },
  };
}
