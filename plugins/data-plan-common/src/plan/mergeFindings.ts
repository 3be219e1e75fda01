import type { PlanEvaluation } from './evaluatePlan';
import { PlanDiagnostic, Severity, SEVERITIES } from './types';

const SEVERITY_RANK = Object.fromEntries(
  SEVERITIES.map((severity, index) => [severity, index]),
) as Record<Severity, number>;

/**
 * An evaluation's diagnostics and findings as the one list a plan's reader sees: each key
 * once (the first), errors first, then warnings and info, each by line, those without a
 * line after those with one, and otherwise in the evaluation's order.
 *
 * @public
 */
export function mergeFindings(
  evaluation: Pick<PlanEvaluation, 'diagnostics' | 'findings'>,
): PlanDiagnostic[] {
  const seen = new Set<string>();
  const merged: PlanDiagnostic[] = [];
  for (const diagnostic of [
    ...evaluation.diagnostics,
    ...evaluation.findings,
  ]) {
    if (seen.has(diagnostic.key)) continue;
    seen.add(diagnostic.key);
    merged.push(diagnostic);
  }
  return merged.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.line ?? Infinity) - (b.line ?? Infinity),
  );
}
