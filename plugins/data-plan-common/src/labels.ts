import { Level, PlanStatus } from './plan/types';
import { HistoryMetric } from './planTrends';
import { RollupDimension } from './rollups';
import { WAIVER_EXPIRING_DAYS, WaiverState } from './plan/waiverListing';

/**
 * The words a plan status is shown with.
 *
 * @public
 */
export const PLAN_STATUS_LABELS: Readonly<Record<PlanStatus, string>> = {
  DRAFT: 'Draft',
  REVIEW: 'In review',
  APPROVED: 'Approved',
  IN_PROGRESS: 'In progress',
  COMPLETE: 'Complete',
};

/**
 * The words a risk's probability or impact is shown with.
 *
 * @public
 */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

/**
 * The words a roll-up dimension is shown with.
 *
 * @public
 */
export const ROLLUP_DIMENSION_LABELS: Readonly<
  Record<RollupDimension, string>
> = {
  owner: 'Owner',
  system: 'System',
  group: 'Group',
};

/**
 * The words a waiver's state is shown with, and what each means.
 *
 * @public
 */
export const WAIVER_STATE_LABELS: Readonly<
  Record<WaiverState, { label: string; description: string }>
> = {
  active: { label: 'Active', description: 'In force.' },
  expiring: {
    label: 'Expiring',
    description: `In force, and expires within ${WAIVER_EXPIRING_DAYS} days.`,
  },
  expired: {
    label: 'Expired',
    description: 'Past its expiry: it waives nothing.',
  },
  invalid: {
    label: 'Invalid',
    description:
      'Waives nothing: it lacks a reason or an approver, names an approver who may not approve it, expires too far ahead, repeats another, or cannot be read.',
  },
};

/**
 * The words each count of the history and the trends ({@link HISTORY_METRICS}) is shown
 * with.
 *
 * @public
 */
export const HISTORY_METRIC_LABELS: Readonly<Record<HistoryMetric, string>> = {
  errors: 'Errors',
  warnings: 'Warnings',
  unmitigatedHighRisks: 'Unmitigated high risks',
  drift: 'Drift from plan',
};
