/** A validation pass rate (0…1) as a whole percent, e.g. "83%"; undefined when nothing was decided. */
export function formatPassRate(rate?: number): string | undefined {
  if (rate === undefined || Number.isNaN(rate)) return undefined;
  return `${Math.round(rate * 100)}%`;
}
