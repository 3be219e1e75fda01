import { PlanDiagnostic, Severity, SEVERITIES } from './types';

/**
 * How many of the diagnostics have each severity, over every list given. A waived one
 * (with a `waiver`) counts in none.
 *
 * @public
 */
export function countBySeverity(
  ...lists: ReadonlyArray<readonly PlanDiagnostic[]>
): Record<Severity, number> {
  const counts = Object.fromEntries(
    SEVERITIES.map(severity => [severity, 0]),
  ) as Record<Severity, number>;
  for (const list of lists) {
    for (const diagnostic of list) {
      if (diagnostic.waiver === undefined) counts[diagnostic.severity]++;
    }
  }
  return counts;
}
