const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole UTC calendar days from `from` to `to` (ISO dates or date-times); 0 when unreadable. */
export function calendarDaysBetween(from: string, to: string): number {
  const start = Date.parse(from.slice(0, 10));
  const end = Date.parse(to.slice(0, 10));
  if (Number.isNaN(start) || Number.isNaN(end)) return 0;
  return Math.max(0, Math.round((end - start) / DAY_MS));
}

function daysPhrase(days: number): string {
  if (days === 0) return 'within a day';
  return `over ${days.toLocaleString('en-US')} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * One sentence saying how a series changed from its first value to its last, the text
 * alternative of a line in a chart: "Errors went from 4 to 1 over 90 days."
 * `format` writes a value (counts as they are by default); a series without values says so.
 */
export function describeChange(
  label: string,
  values: ReadonlyArray<number | undefined>,
  days: number,
  format: (value: number) => string = value => value.toLocaleString('en-US'),
): string {
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length === 0) return `${label}: none yet.`;
  const first = known[0];
  const last = known[known.length - 1];
  if (known.length === 1) return `${label}: ${format(first)}.`;
  if (first === last) {
    return `${label} stayed at ${format(first)} ${daysPhrase(days)}.`;
  }
  return `${label} went from ${format(first)} to ${format(last)} ${daysPhrase(
    days,
  )}.`;
}

/** A date or date-time as a short UTC day, "Mar 31, 2026". */
export function formatDay(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return new Date(time).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** A date or date-time as an axis tick, "Mar 31" (UTC). */
export function formatTick(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return new Date(time).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}
