import {
  daysBetween,
  describeWaiver,
  NO_STATUS,
  PlanNoticeKind,
  WaiverListing,
  waiverKey,
} from '@dataplan/plugin-data-plan-common';
import { planNotice } from './noticeContent';
import { NoticeProject, PlanNotice } from './PlanNotice';

const DAY_MS = 86_400_000;

/** A project stuck in its status: it has been in it longer than its policy allows. */
export interface StuckProject extends NoticeProject {
  status?: string;
  /** When the status began. */
  statusSince: Date;
  /** When the plan became stuck: the status began plus the days the policy allows. */
  stuckSince: Date;
}

/** A project whose waivers the cycle looks at: one of them expires soon. */
export interface WaiverProject extends NoticeProject {
  listing: WaiverListing;
}

/** When notices fall due, as `dataPlan.notifications` configures it. */
export interface DueNoticeTimes {
  now: Date;
  /** A waiver is told of this many days before it expires. */
  waiverWarningDays: number;
  /** A plan still stuck is told of again after this many days. */
  stuckRepeatDays: number;
}

/**
 * The notices of stuck plans: one when a plan becomes stuck, and again every
 * `stuckRepeatDays` while it stays so; each keyed by the status, when it began and the
 * period, so that a cycle that finds it again writes nothing new.
 */
export function stuckNotices(
  projects: readonly StuckProject[],
  times: DueNoticeTimes,
): PlanNotice[] {
  const repeatMs = times.stuckRepeatDays * DAY_MS;
  return projects.flatMap(project => {
    const stuckFor = times.now.getTime() - project.stuckSince.getTime();
    if (stuckFor < 0) return [];
    const period = Math.floor(stuckFor / repeatMs);
    const status = project.status ?? NO_STATUS;
    // Days counted as the tab counts them; the limit as stuckFrom set the stuck time from it.
    const days = daysBetween(project.statusSince, times.now);
    const limit =
      Math.floor(project.stuckSince.getTime() / DAY_MS) -
      Math.floor(project.statusSince.getTime() / DAY_MS) -
      1;
    return [
      planNotice(project, 'stuck', {
        key: `${status}@${project.statusSince.toISOString()}#${period}`,
        title: `stuck in ${status} for ${plural(days, 'day')}`,
        description: `The policy allows ${plural(limit, 'day')} in ${status}.`,
      }),
    ];
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Days from `today` (`YYYY-MM-DD`) to `day`, or undefined for a day that is no date. */
function daysUntil(day: string, today: string): number | undefined {
  const to = Date.parse(`${day}T00:00:00Z`);
  const from = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(to) || Number.isNaN(from)) return undefined;
  return Math.round((to - from) / DAY_MS);
}

/**
 * The notices of waivers in force that expire within `waiverWarningDays` days: one per
 * waiver and expiry date, so a renewed waiver is told again when its new date comes near.
 */
export function expiringWaiverNotices(
  projects: readonly WaiverProject[],
  times: DueNoticeTimes,
): PlanNotice[] {
  const today = times.now.toISOString().slice(0, 10);
  return projects.flatMap(project =>
    project.listing.waivers.flatMap(waiver => {
      if (waiver.problems && waiver.problems.length > 0) return [];
      const left = daysUntil(waiver.expires, today);
      if (left === undefined || left < 0 || left > times.waiverWarningDays) {
        return [];
      }
      const subject = waiverKey(waiver);
      return [
        planNotice(project, 'waiverExpiring', {
          key: `${subject}@${waiver.expires}`,
          title:
            left === 0
              ? 'a waiver expires today'
              : `a waiver expires in ${plural(left, 'day')}`,
          description: `${describeWaiver(waiver)} holds until ${
            waiver.expires
          }: renew it, or fix what it waives.`,
          subject,
        }),
      ];
    }),
  );
}

/** The kinds {@link stuckNotices} and {@link expiringWaiverNotices} tell. */
export const DUE_NOTICE_KINDS: readonly PlanNoticeKind[] = [
  'stuck',
  'waiverExpiring',
];
