/**
 * The module each thread of the backend's parse pool runs.
 *
 * @packageDocumentation
 */
import {
  checkSqlLineage,
  ParsedPlan,
  PlanPolicy,
  readPlan,
  SqlLineageCheck,
} from '@dataplan/plugin-data-plan-common';
import { AstSqlLineageReader } from '@dataplan/plugin-data-plan-common/sql-parser';
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
 * What the pool sends to a worker thread to compare a project's SQL with its plan
 * (`checkSqlLineage` with the AST reader, which parses statements: CPU-heavy).
 *
 * @public
 */
export interface LineageTask {
  /** The plan's objects, each with its key, and layers. */
  plan: Pick<ParsedPlan, 'objects' | 'layers'>;
  /** Each object's SQL file by its key. */
  sqlByObject: ReadonlyMap<string, { path: string; text: string }>;
  /** Told once this thread has taken the task, as {@link ParseTask.started}. */
  started?: MessagePort;
}

/** The thread's reader: its parser is made once, when the thread first needs it. */
let reader: AstSqlLineageReader | undefined;

function tookTask(started: MessagePort | undefined) {
  if (started) {
    started.postMessage(null);
    started.close();
  }
}

/**
 * Runs in a worker thread of the parse pool: one project's SQL lineage per call, read with
 * the AST reader (which falls back to the tolerant one statement by statement).
 *
 * @public
 */
export function checkLineage(task: LineageTask): SqlLineageCheck {
  tookTask(task.started);
  reader ??= new AstSqlLineageReader();
  return checkSqlLineage(task.plan, task.sqlByObject, reader);
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
  tookTask(task.started);
  const { plan, evaluation } = readPlan(task.text, task.policy);
  // What the document spent of its budget: the rules, on the main thread, get the rest.
  return { plan, evaluation, elapsedMs: performance.now() - started };
}
