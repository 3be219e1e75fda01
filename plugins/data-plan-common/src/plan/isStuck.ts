import { ownValue, PlanPolicy } from './policy';
import { PlanStatus } from './types';

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
  if (status === undefined || daysInStatus === undefined) return false;
  const limit = ownValue(policy?.stuckAfterDays, status);
  return limit !== undefined && daysInStatus > limit;
}
