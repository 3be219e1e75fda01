import { PlanEvaluation, PlanRisk } from '@dataplan/plugin-data-plan-common';

/**
 * Whether the evaluation lists this risk as high-impact without mitigation. Matched by
 * line when both sides have one, otherwise by the risk's text.
 */
export function isUnmitigatedRisk(
  risk: PlanRisk,
  unmitigated: PlanEvaluation['risks']['unmitigated'],
): boolean {
  return unmitigated.some(entry =>
    entry.line !== undefined && risk.line !== undefined
      ? entry.line === risk.line
      : entry.risk === risk.risk,
  );
}

/** The risks by score, highest first; unscored risks last, plan order otherwise. */
export function risksByScore(risks: PlanRisk[]): PlanRisk[] {
  return risks
    .map((risk, index) => ({ risk, index }))
    .sort(
      (a, b) => (b.risk.score ?? 0) - (a.risk.score ?? 0) || a.index - b.index,
    )
    .map(({ risk }) => risk);
}
