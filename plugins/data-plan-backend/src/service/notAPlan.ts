import { ParsedPlan } from '@dataplan/plugin-data-plan-common';

/**
 * Rules by which the parser says a document is no plan at all: no known plan heading (so
 * no Metadata table and no status either), no text, or the parser gave up. A document with
 * any of these must not replace a stored plan; one with any other errors is still a plan.
 */
const NOT_A_PLAN_RULES = new Set(['not-a-plan', 'not-text', 'parser-failure']);

/** Why the parsed document is no plan, or undefined when it is one (errors and all). */
export function notAPlan(plan: ParsedPlan): string | undefined {
  return plan.diagnostics.find(d => NOT_A_PLAN_RULES.has(d.rule))?.message;
}
