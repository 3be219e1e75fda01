/**
 * The module each thread of the backend's parse pool runs.
 *
 * @packageDocumentation
 */
import { PlanPolicy, readPlan } from '@dataplan/plugin-data-plan-common';
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
  if (task.started) {
    task.started.postMessage(null);
    task.started.close();
  }
  return readPlan(task.text, task.policy);
}
