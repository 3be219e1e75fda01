import type { PlanDiagnostic } from '../plan/types';
import type { RepositoryReport } from './repositoryReport';
import { isDriftRule } from './repositoryRules';

/**
 * A project's last repository check as its evaluation carries it: each planned object's
 * state and SQL lineage, the orphan files, the listing and the coverage figures. Its findings are among
 * the evaluation's, judged with the others (policy severities, waivers).
 *
 * @public
 */
export type RepositoryEvaluation = Omit<RepositoryReport, 'findings'>;

/**
 * How far a project has drifted from its plan: its active (not waived) findings of the
 * drift rules (`isDriftRule`: the repository rules, and SQL that uses or creates other
 * objects than planned), once per key.
 *
 * @public
 */
export function driftCount(evaluation: {
  diagnostics?: readonly PlanDiagnostic[];
  findings?: readonly PlanDiagnostic[];
}): number {
  const keys = new Set<string>();
  for (const list of [evaluation.diagnostics, evaluation.findings]) {
    for (const finding of list ?? []) {
      if (finding.waiver === undefined && isDriftRule(finding.rule)) {
        keys.add(finding.key ?? `${finding.rule}:${finding.message}`);
      }
    }
  }
  return keys.size;
}

/**
 * A coverage ratio (0 to 1) as a whole percentage, as summaries store it; undefined when
 * there is nothing to cover.
 *
 * @public
 */
export function coveragePercent(
  ratio: number | null | undefined,
): number | undefined {
  return ratio === null || ratio === undefined
    ? undefined
    : Math.round(ratio * 100);
}
