import Typography from '@material-ui/core/Typography';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago" for an ISO time, relative to `now`; "just now" under a minute. */
export function formatRelativeTime(iso: string, now = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const elapsed = now - time;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms)
      return format.format(-Math.round(elapsed / ms), unit);
  }
  return 'just now';
}

/**
 * A time shown relative to now, with the exact time in a tooltip and a `<time>` element;
 * "never" when there is none.
 */
export function RefreshTime(props: { time?: string; never?: string }) {
  const { time, never = 'never' } = props;
  if (!time) {
    return (
      <Typography component="span" variant="inherit" color="textSecondary">
        {never}
      </Typography>
    );
  }
  return (
    <time dateTime={time} title={new Date(time).toLocaleString()}>
      {formatRelativeTime(time)}
    </time>
  );
}
