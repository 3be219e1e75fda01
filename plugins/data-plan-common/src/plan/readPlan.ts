import { evaluateWithGraph, PlanEvaluation } from './evaluatePlan';
import { parseDocument } from './parsePlan';
import { PlanPolicy } from './policy';
import { ParsedPlan } from './types';

/**
 * Reads a plan document: `parsePlan` and then `evaluatePlan` under the policy, the object
 * graph resolved once for both. What the backend's parse worker and the CLI do with a plan.
 *
 * @public
 */
export function readPlan(
  markdown: unknown,
  policy?: PlanPolicy,
): { plan: ParsedPlan; evaluation: PlanEvaluation } {
  const { plan, graph } = parseDocument(markdown);
  return { plan, evaluation: evaluateWithGraph(plan, graph, policy) };
}
