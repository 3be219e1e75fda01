import {
  evaluatePlan,
  parsePlan,
  PlanPolicy,
} from '@dataplan/plugin-data-plan-common';
import type { MessagePort } from 'node:worker_threads';
import { ParsedPlanResult } from './PlanParser';

/** What the pool sends to a worker thread for one document. */
export interface ParseTask {
  text: string;
  policy?: PlanPolicy;
  /**
   * Told once this thread has taken the document, so that its time budget counts the
   * parse alone: not the start of a new thread, nor the wait for a free one.
   */
  started?: MessagePort;
}

/** Runs in a worker thread of the parse pool: one document per call. */
export default function parseAndEvaluate(task: ParseTask): ParsedPlanResult {
  if (task.started) {
    task.started.postMessage(null);
    task.started.close();
  }
  const plan = parsePlan(task.text);
  return { plan, evaluation: evaluatePlan(plan, task.policy) };
}
