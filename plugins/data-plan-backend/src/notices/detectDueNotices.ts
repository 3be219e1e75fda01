import {
  daysBetween,
  describeWaiver,
  NO_STATUS,
  PlanNoticeKind,
  JudgedWaiver,
  WaiverListing,
  waiverKey,
} from '@dataplan/plugin-data-plan-common';
import { planNotice } from './noticeContent';
import { NoticeProject, PlanNotice } from './PlanNotice';

const DAY_MS = 86_400_000;
/** Waivers listed in a notice's description at most. */
const LISTED = 3;

/** A project stuck in its status: it has been in it longer than its policy allows. */
export interface StuckProject extends NoticeProject {
  status?: string;
  /** When the status began. */
  statusSince: Date;
  /** When the plan became stuck: the status began plus the days the policy allows. */
  stuckSince: Date;
  /** When it was last told it is stuck, since it became so. */
  lastToldAt?: Date;
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
 * The notices of stuck plans (those the store found due: never told since they became
 * stuck, or not within the quiet interval). Keyed by the stuck spell (status, when it began,
 * when it became stuck) and the last time it was told, so that each due notice is written
 * once however often a cycle finds it; a repeat replaces the spell's notification.
 */
export function stuckNotices(
  projects: readonly StuckProject[],
  times: DueNoticeTimes,
): PlanNotice[] {
  return projects.flatMap(project => {
    if (!(project.stuckSince.getTime() <= times.now.getTime())) return [];
    const status = project.status ?? NO_STATUS;
    // Days counted as the tab counts them; the limit as stuckFrom set the stuck time from it.
    const days = daysBetween(project.statusSince, times.now);
    const limit =
      Math.floor(project.stuckSince.getTime() / DAY_MS) -
      Math.floor(project.statusSince.getTime() / DAY_MS) -
      1;
    const spell = `${status}@${project.statusSince.toISOString()}>${project.stuckSince.toISOString()}`;
    return [
      planNotice(project, 'stuck', {
        key: `${spell}#after:${project.lastToldAt?.toISOString() ?? 'first'}`,
        event: spell,
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
 * project and expiry day (a file may hold a thousand waivers), keyed by the waivers it
 * names, so a renewed waiver is told again when its new date comes near.
 */
export function expiringWaiverNotices(
  projects: readonly WaiverProject[],
  times: DueNoticeTimes,
): PlanNotice[] {
  const today = times.now.toISOString().slice(0, 10);
  return projects.flatMap(project => {
    const byDay = new Map<string, JudgedWaiver[]>();
    for (const waiver of project.listing.waivers ?? []) {
      if (waiver.problems && waiver.problems.length > 0) continue;
      if (typeof waiver.expires !== 'string') continue;
      const left = daysUntil(waiver.expires, today);
      if (left === undefined || left < 0 || left > times.waiverWarningDays) {
        continue;
      }
      byDay.set(waiver.expires, [...(byDay.get(waiver.expires) ?? []), waiver]);
    }
    return [...byDay].sort().map(([expires, waivers]) => {
      const left = daysUntil(expires, today)!;
      const when = left === 0 ? 'today' : `in ${plural(left, 'day')}`;
      return planNotice(project, 'waiverExpiring', {
        key: `${expires}:${waivers
          .map(w => waiverKey(w))
          .sort()
          .join('\n')}`,
        title:
          waivers.length === 1
            ? `a waiver expires ${when}`
            : `${waivers.length} waivers expire ${when}`,
        description: [
          ...waivers.slice(0, LISTED).map(w => describeWaiver(w)),
          ...(waivers.length > LISTED
            ? [`and ${waivers.length - LISTED} more`]
            : []),
          waivers.length === 1
            ? `It holds until ${expires}: renew it, or fix what it waives.`
            : `They hold until ${expires}: renew them, or fix what they waive.`,
        ].join('\n'),
      });
    });
  });
}

/** The kinds {@link stuckNotices} and {@link expiringWaiverNotices} tell. */
export const DUE_NOTICE_KINDS: readonly PlanNoticeKind[] = [
  'stuck',
  'waiverExpiring',
];
