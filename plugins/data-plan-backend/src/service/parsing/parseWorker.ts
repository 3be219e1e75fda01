/**
 * The module each thread of the backend's parse pool runs.
 *
 * @packageDocumentation
 */
import { PlanPolicy, readPlan } from '@dataplan/plugin-data-plan-common';
import { performance } from 'node:perf_hooks';
import type { MessagePort } from 'node:worker_threads';
import type { ParsedPlanResult } from './PlanParser';

export type { ParsedPlanResult };

/**
 * What the pool sends to a worker thread for one document.
 *
 * @public
 */
export interface ParseTask {
  /** The plan document. */
  text: string;
  /** The policy the evaluation applies. */
  policy?: PlanPolicy;
  /**
   * Told once this thread has taken the document, so that its time budget counts the
   * parse alone: not the start of a new thread, nor the wait for a free one.
   */
  started?: MessagePort;
}

/**
 * Runs in a worker thread of the parse pool: one document per call.
 *
 * @remarks
 * The package exports this module (`./parseWorker`) so that the pool's threads can load it
 * by name; it is not meant to be called otherwise.
 *
 * @public
 */
export default function parseAndEvaluate(task: ParseTask): ParsedPlanResult {
  const started = performance.now();
  if (task.started) {
    task.started.postMessage(null);
    task.started.close();
  }
  const { plan, evaluation } = readPlan(task.text, task.policy);
  // What the document spent of its budget: the rules, on the main thread, get the rest.
  return { plan, evaluation, elapsedMs: performance.now() - started };
}
