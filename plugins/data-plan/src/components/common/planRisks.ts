import {
  PlanEvaluationWithoutFindings,
  PlanRisk,
} from '@dataplan/plugin-data-plan-common';

/**
 * Whether the evaluation lists this risk as high-impact without mitigation: the same key
 * (`PlanRisk.key`), whatever line the risk is on and however many risks share its text.
 */
export function isUnmitigatedRisk(
  risk: PlanRisk,
  unmitigated: PlanEvaluationWithoutFindings['risks']['unmitigated'],
): boolean {
  return (
    risk.key !== undefined && unmitigated.some(entry => entry.key === risk.key)
  );
}

/** The risks by score, highest first; unscored risks last, plan order otherwise. */
export function risksByScore(risks: PlanRisk[]): PlanRisk[] {
  return [...risks].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
}
