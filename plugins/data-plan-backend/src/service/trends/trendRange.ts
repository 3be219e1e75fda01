import { InputError } from '@backstage/errors';
import {
  PLAN_TREND_LIMITS,
  PlanTrendsRequest,
  TrendInterval,
} from '@dataplan/plugin-data-plan-common';
import { utcDay } from '../../database/summaryColumns';

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One point's days: from its first day to before `end` (epoch milliseconds, UTC). */
export interface TrendPeriod {
  date: string;
  end: number;
}

/** The days a trend covers and its points. */
export interface TrendRange {
  interval: TrendInterval;
  from: string;
  to: string;
  /** The first moment of the range and the first after it, for the store's query. */
  start: Date;
  until: Date;
  periods: TrendPeriod[];
}

/** A `YYYY-MM-DD` day as the epoch milliseconds of its start, or an InputError naming the field. */
function dayStart(value: string, field: string): number {
  const match = DATE.exec(value);
  const time = match
    ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
    : NaN;
  // Date.UTC rolls 2026-02-31 over into March: a real day gives back its own text.
  if (Number.isNaN(time) || utcDay(new Date(time)) !== value) {
    throw new InputError(`${field}: '${value}' is not a date (YYYY-MM-DD)`);
  }
  return time;
}

/**
 * The range and points of a trends request on `today`: `to` defaults to today and `from`
 * to the days before it; weekly points start on Mondays, so `from` moves back to its week's
 * Monday. Too many points, or `from` after `to`, is an InputError naming the field.
 */
export function trendRange(
  request: Pick<PlanTrendsRequest, 'from' | 'to' | 'interval'>,
  today: Date,
): TrendRange {
  const interval = request.interval ?? 'day';
  const to = request.to
    ? dayStart(request.to, 'to')
    : dayStart(utcDay(today), 'to');
  let from = request.from
    ? dayStart(request.from, 'from')
    : to - (PLAN_TREND_LIMITS.defaultDays - 1) * DAY_MS;
  if (from > to) {
    throw new InputError(`from: ${utcDay(new Date(from))} is after to`);
  }
  const step = interval === 'week' ? 7 * DAY_MS : DAY_MS;
  if (interval === 'week') {
    // 1970-01-01 was a Thursday: Monday is 4 days after each week's epoch boundary.
    const weekday = (((Math.floor(from / DAY_MS) + 3) % 7) + 7) % 7; // 0 = Monday
    from -= weekday * DAY_MS;
  }
  const until = to + DAY_MS;
  const count = Math.ceil((until - from) / step);
  if (count > PLAN_TREND_LIMITS.maxPoints) {
    throw new InputError(
      `from: the trend would have ${count} points, more than ${PLAN_TREND_LIMITS.maxPoints}; ask for fewer days or interval=week`,
    );
  }
  const periods: TrendPeriod[] = [];
  for (let start = from; start < until; start += step) {
    periods.push({
      date: utcDay(new Date(start)),
      end: Math.min(start + step, until),
    });
  }
  return {
    interval,
    from: utcDay(new Date(from)),
    to: utcDay(new Date(to)),
    start: new Date(from),
    until: new Date(until),
    periods,
  };
}
