import type {
  PlanEvaluation,
  PlanEvaluationWithoutFindings,
} from './evaluatePlan';
import { PlanDiagnostic, Severity, SEVERITIES } from './types';

const SEVERITY_RANK = Object.fromEntries(
  SEVERITIES.map((severity, index) => [severity, index]),
) as Record<Severity, number>;

// Without a line, last: a large number rather than Infinity, whose difference is NaN.
function lineOrder(diagnostic: PlanDiagnostic): number {
  return diagnostic.line ?? Number.MAX_SAFE_INTEGER;
}

/**
 * An evaluation's diagnostics and findings as the one list a plan's reader sees: each key
 * once (the first), errors first, then warnings and info, each by line, those without a
 * line after those with one, and otherwise in the evaluation's order; the waived ones,
 * which count for nothing, after all the others, in the same order.
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
    // An evaluation stored by an older parser has no keys: each of its entries is kept.
    const key: string | undefined = diagnostic.key;
    if (key !== undefined) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    merged.push(diagnostic);
  }
  return merged.sort(
    (a, b) =>
      Number(a.waiver !== undefined) - Number(b.waiver !== undefined) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      lineOrder(a) - lineOrder(b),
  );
}

/**
 * An evaluation as a REST response sends it: its diagnostics and findings as the one list
 * of {@link mergeFindings}, and the rest of the evaluation without them.
 *
 * @public
 */
export function splitFindings(evaluation: PlanEvaluation): {
  diagnostics: PlanDiagnostic[];
  evaluation: PlanEvaluationWithoutFindings;
} {
  // The waivers and the repository check go out as their own parts of a response.
  const {
    diagnostics,
    findings,
    waivers: _waivers,
    repository: _repository,
    ...rest
  } = evaluation;
  return {
    diagnostics: mergeFindings({ diagnostics, findings }),
    evaluation: rest,
  };
}
