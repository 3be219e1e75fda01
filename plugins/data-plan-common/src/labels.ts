import { Level, PlanStatus } from './plan/types';
import { RollupDimension } from './rollups';

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
