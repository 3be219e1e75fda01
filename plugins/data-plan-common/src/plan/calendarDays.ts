/*
 * Calendar dates written `YYYY-MM-DD`, as whole days since 1970-01-01 (UTC), so that two
 * dates subtract to the days between them whatever the time zone.
 */

const MS_PER_DAY = 86_400_000;

function digits(text: string, from: number, to: number): number | undefined {
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i) - 0x30;
    if (code < 0 || code > 9) return undefined;
    value = value * 10 + code;
  }
  return value;
}

/** The day a `YYYY-MM-DD` date is, or undefined when it is not a date of the calendar. */
export function dayNumber(text: string): number | undefined {
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-')
    return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (year === undefined || month === undefined || day === undefined) {
    return undefined;
  }
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // 2025-02-30 rolls over into March: it is not a date.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return undefined;
  }
  return time / MS_PER_DAY;
}

/** A point in time as the `YYYY-MM-DD` date it falls on in UTC; undefined for an invalid date. */
export function isoDate(date: Date): string | undefined {
  return Number.isNaN(date.getTime())
    ? undefined
    : date.toISOString().slice(0, 10);
}

/**
 * UTC calendar days from one time to the next: 0 the same day, 1 the day after. A plan's
 * days in its status are counted so, from since when it has it.
 *
 * @public
 */
export function daysBetween(from: Date, to: Date): number {
  return (
    Math.floor(to.getTime() / MS_PER_DAY) -
    Math.floor(from.getTime() / MS_PER_DAY)
  );
}
