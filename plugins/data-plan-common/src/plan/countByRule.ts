import { PlanDiagnostic, Severity, SEVERITIES } from './types';

/**
 * The active findings of one rule in one plan: how many, and the worst severity among them.
 *
 * @public
 */
export interface RuleCount {
  /** The rule's id. */
  rule: string;
  /** The worst severity among its findings. */
  severity: Severity;
  /** How many active findings it has. */
  count: number;
}

/**
 * How many diagnostics each rule has, over every list given, by rule id (code-unit order).
 * A waived one (with a `waiver`) counts for none, as in {@link countBySeverity}.
 *
 * @public
 */
export function countByRule(
  ...lists: ReadonlyArray<readonly PlanDiagnostic[]>
): RuleCount[] {
  const byRule = new Map<string, RuleCount>();
  for (const list of lists) {
    for (const { rule, severity, waiver } of list) {
      if (waiver !== undefined) continue;
      const counted = byRule.get(rule);
      if (!counted) {
        byRule.set(rule, { rule, severity, count: 1 });
        continue;
      }
      counted.count++;
      if (SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(counted.severity))
        counted.severity = severity;
    }
  }
  // Rule ids are unique here: code-unit order needs no tie.
  return [...byRule.values()].sort((a, b) => (a.rule < b.rule ? -1 : 1));
}
