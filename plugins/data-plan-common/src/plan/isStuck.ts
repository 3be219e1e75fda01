import { ownValue, PlanPolicy } from './policy';
import { PlanStatus } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The days a plan may stay in its status under the policy (`stuckAfterDays`), if the
 * policy limits them.
 *
 * @public
 */
export function stuckAfterDays(
  status: PlanStatus | undefined,
  policy?: PlanPolicy,
): number | undefined {
  return status === undefined
    ? undefined
    : ownValue(policy?.stuckAfterDays, status);
}

/**
 * Whether a plan has stayed in its status longer than the policy's `stuckAfterDays` allows
 * for that status: more days than the limit, not as many. Without a status, a number of
 * days or a limit for the status, a plan is not stuck.
 *
 * @public
 */
export function isStuck(
  status: PlanStatus | undefined,
  daysInStatus: number | undefined,
  policy?: PlanPolicy,
): boolean {
  if (daysInStatus === undefined) return false;
  const limit = stuckAfterDays(status, policy);
  return limit !== undefined && daysInStatus > limit;
}

/**
 * When a plan whose status began at `statusSince` counts as stuck under a limit of `limit`
 * days: the start of the first UTC day more than `limit` days after the day it began, as
 * {@link isStuck} counts days. From then on it is stuck until its status changes.
 *
 * @public
 */
export function stuckFrom(statusSince: Date, limit: number): Date {
  const day = Math.floor(statusSince.getTime() / DAY_MS);
  return new Date((day + limit + 1) * DAY_MS);
}
