import {
  ParsedPlan,
  PlanEvaluation,
  PlanPolicy,
} from '@dataplan/plugin-data-plan-common';

/**
 * A plan and its evaluation, as one parse gives them.
 *
 * @public
 */
export interface ParsedPlanResult {
  /** What `parsePlan` read from the document. */
  plan: ParsedPlan;
  /** What `evaluatePlan` made of it, under the task's policy. */
  evaluation: PlanEvaluation;
  /** Milliseconds the parse and evaluation took of the document's time budget. */
  elapsedMs?: number;
}

/**
 * Parses and evaluates plan texts away from the thread that serves requests. A document
 * that takes longer than the time budget is rejected with a `PlanParseTimeoutError`.
 */
export interface PlanParser {
  parse(text: string, options?: ParseOptions): Promise<ParsedPlanResult>;
}

export interface ParseOptions {
  /** The policy the evaluation applies. */
  policy?: PlanPolicy;
  /** This document's time budget in milliseconds, instead of the parser's own. */
  timeoutMs?: number;
}
