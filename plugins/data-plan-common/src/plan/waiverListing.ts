/*
 * Every waiver of a project's file as `applyWaivers` judged it, and the state the tab shows
 * it in: the judgement is made on refresh; whether a waiver is expiring or has expired since
 * depends on the day it is shown, so it is derived when shown, never stored.
 */
import { dayNumber, isoDate } from './calendarDays';
import { PlanWaiver, WaiverProblem } from './waiverFile';

/**
 * A waiver in force that expires within this many days is `expiring`: soon to stop waiving,
 * so that its finding counts again unless the waiver is renewed.
 *
 * @public
 */
export const WAIVER_EXPIRING_DAYS = 14;

/**
 * One waiver of the file as judged: the entry as read, why it waives nothing when it is
 * invalid, and the keys of the findings it waives.
 *
 * @public
 */
export interface JudgedWaiver extends PlanWaiver {
  /** Why it waives nothing (no reason, no approver, an approver refused, too long, a repeat); none while valid. */
  problems?: string[];
  /** The keys of the findings it waives (`PlanDiagnostic.key`). */
  waives: string[];
}

/**
 * Every waiver of a project's waiver file as judged, with the parts of the file that could
 * not be read.
 *
 * @public
 */
export interface WaiverListing {
  /** The entries that fit the format, in file order. */
  waivers: JudgedWaiver[];
  /** The parts of the file that do not fit it: each waives nothing. */
  problems: WaiverProblem[];
  /** Why the waivers have no `commit`: the file's host gives no history, say. */
  commitsUnknown?: string;
}

/**
 * The states a waiver is shown in: in force and not expiring soon, in force and expiring
 * within {@link WAIVER_EXPIRING_DAYS} days, expired, invalid (waiving nothing).
 *
 * @public
 */
export const WAIVER_STATES = [
  'active',
  'expiring',
  'expired',
  'invalid',
] as const;

/**
 * One of {@link WAIVER_STATES}.
 *
 * @public
 */
export type WaiverState = (typeof WAIVER_STATES)[number];

/**
 * The state of a judged waiver on `today` (a `YYYY-MM-DD` date, or a time: its UTC date).
 * An invalid one stays invalid whatever the day; a waiver holds through its expiry date.
 *
 * @public
 */
export function waiverState(
  waiver: Pick<JudgedWaiver, 'expires' | 'problems'>,
  today: string | Date,
): WaiverState {
  if (waiver.problems && waiver.problems.length > 0) return 'invalid';
  const expires = dayNumber(waiver.expires);
  const date = typeof today === 'string' ? today : isoDate(today);
  const day = date === undefined ? undefined : dayNumber(date);
  if (expires === undefined || day === undefined) return 'invalid';
  if (expires < day) return 'expired';
  return expires - day <= WAIVER_EXPIRING_DAYS ? 'expiring' : 'active';
}
