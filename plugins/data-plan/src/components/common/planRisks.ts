import {
  PlanEvaluationWithoutFindings,
  PlanRisk,
} from '@dataplan/plugin-data-plan-common';

/**
 * The keys of the risks the evaluation lists as high-impact without mitigation, gathered
 * once so that marking every row stays linear however many risks a plan names.
 */
export function unmitigatedRiskKeys(
  unmitigated: PlanEvaluationWithoutFindings['risks']['unmitigated'],
): ReadonlySet<string> {
  return new Set(unmitigated.map(entry => entry.key));
}

/**
 * Whether the evaluation lists this risk as high-impact without mitigation: the same key
 * (`PlanRisk.key`), whatever line the risk is on and however many risks share its text.
 */
export function isUnmitigatedRisk(
  risk: PlanRisk,
  unmitigatedKeys: ReadonlySet<string>,
): boolean {
  return risk.key !== undefined && unmitigatedKeys.has(risk.key);
}

/** The risks by score, highest first; unscored risks last, plan order otherwise. */
export function risksByScore(risks: PlanRisk[]): PlanRisk[] {
  return [...risks].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
}
