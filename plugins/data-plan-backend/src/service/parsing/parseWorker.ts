import {
  evaluatePlan,
  parsePlan,
  PlanPolicy,
} from '@dataplan/plugin-data-plan-common';
import { ParsedPlanResult } from './PlanParser';

/** What the pool sends to a worker thread for one document. */
export interface ParseTask {
  text: string;
  policy?: PlanPolicy;
}

/** Runs in a worker thread of the parse pool: one document per call. */
export default function parseAndEvaluate(task: ParseTask): ParsedPlanResult {
  const plan = parsePlan(task.text);
  return { plan, evaluation: evaluatePlan(plan, task.policy) };
}
