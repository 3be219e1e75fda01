/*
 * How long the judgement of a waiver file stands: waivers expire, and the finding of a waiver
 * refused for expiring too far ahead counts the days, until it comes within the limit. A stored
 * evaluation with waivers is judged again only once the day it holds until has passed.
 */
import { dayNumber, isoDate } from './calendarDays';
import type { PlanPolicy } from './policy';
import type { PlanWaiver, WaiverFile } from './waiverFile';

/**
 * The last day (`YYYY-MM-DD`) on which `applyWaivers` judges the waivers as it does on
 * `today`, or undefined when that judgement holds on every later day: each waiver in force
 * holds until its expiry; one beyond the policy's `maxWaiverDays` only today, as its finding
 * counts the days left; an expired or unreadable one stays as it is.
 *
 * @public
 */
export function waiversHoldUntil(
  waivers: readonly PlanWaiver[] | WaiverFile,
  options: { policy?: PlanPolicy; today: string | Date },
): string | undefined {
  const list = Array.isArray(waivers)
    ? (waivers as readonly PlanWaiver[])
    : (waivers as WaiverFile).waivers;
  const date =
    typeof options.today === 'string' ? options.today : isoDate(options.today);
  const today = date === undefined ? undefined : dayNumber(date);
  if (today === undefined) {
    throw new TypeError(
      `today must be a date YYYY-MM-DD, not ${options.today}`,
    );
  }
  const maxDays = options.policy?.maxWaiverDays;
  let until: number | undefined;
  for (const waiver of list) {
    const expires = dayNumber(waiver.expires);
    if (expires === undefined || expires < today) continue;
    // Refused for expiring too far ahead: its message counts the days, which change daily.
    const last =
      maxDays !== undefined && expires - today > maxDays ? today : expires;
    if (until === undefined || last < until) until = last;
  }
  return until === undefined
    ? undefined
    : isoDate(new Date(until * 86_400_000));
}
