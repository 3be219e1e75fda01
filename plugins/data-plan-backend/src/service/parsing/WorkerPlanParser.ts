import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import {
  MessageChannel,
  type StructuredSerializeOptions,
} from 'node:worker_threads';
import type {
  ParsedPlan,
  SqlLineageCheck,
} from '@dataplan/plugin-data-plan-common';
import { Piscina } from 'piscina';
import type { LineageTask, ParseTask } from './parseWorker';
import { ParsedPlanResult, ParseOptions, PlanParser } from './PlanParser';
import { PlanParseTimeoutError } from './PlanParseTimeoutError';

// Defaults of WorkerPlanParserOptions.
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_WAITING = 256;
const defaultMaxThreads = () => Math.max(1, availableParallelism() - 1);

export interface WorkerPlanParserOptions {
  /** Worker threads at most. Default: one less than the available cores, at least 1. */
  maxThreads?: number;
  /** Time budget of one document, from the moment a thread takes it. Default 10 s. */
  timeoutMs?: number;
  /** How long an idle thread stays before it ends. Default 30 s. */
  idleTimeoutMs?: number;
  /**
   * Documents that may wait for a thread; more are refused (503), so that a flood of lint
   * requests cannot hold their texts in memory. Default 256.
   */
  maxWaiting?: number;
  /** Where a worker that fails outside any document is reported. */
  logger?: LoggerService;
}

/** Counters of the pool, for logs and tests. */
export interface WorkerPlanParserStats {
  maxThreads: number;
  /** Threads alive now. */
  threads: number;
  /** Threads started since the pool was created (an ended budget ends its thread). */
  threadsStarted: number;
  /** Documents parsing now. */
  running: number;
  /** Documents waiting for a free thread. */
  waiting: number;
}

/**
 * The worker module: a package.json `exports` entry, so the package build emits it and a
 * packed package resolves it to built JavaScript. From sources (this very file is
 * TypeScript then) the worker and the workspace packages it imports are TypeScript,
 * which the worker threads load through the Backstage CLI's Node transform.
 */
function resolveWorker(): { filename: string; execArgv: string[] } {
  const filename = require.resolve(
    '@dataplan/plugin-data-plan-backend/parseWorker',
  );
  const fromSources = filename.endsWith('.ts') || __filename.endsWith('.ts');
  if (!fromSources) return { filename, execArgv: [] };
  return {
    filename,
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
  };
}

/** Piscina's rejection when a task's `AbortSignal.timeout` fired (not a closed pool). */
function isBudgetSpent(error: unknown) {
  const { name, cause } = (error ?? {}) as { name?: string; cause?: Error };
  return name === 'AbortError' && cause?.name === 'TimeoutError';
}

/**
 * Parses and evaluates plans in a bounded piscina pool of worker threads, so that a large
 * or hostile document never holds the event loop that serves requests. Each document gets
 * its own time budget (`AbortSignal.timeout`); when it runs out, piscina ends the worker
 * and the document is rejected with a {@link PlanParseTimeoutError}.
 */
export class WorkerPlanParser implements PlanParser {
  static create(options: WorkerPlanParserOptions = {}) {
    return new WorkerPlanParser(options);
  }

  readonly #pool: Piscina<
    ParseTask | LineageTask,
    ParsedPlanResult | SqlLineageCheck
  >;
  readonly #maxThreads: number;
  readonly #timeoutMs: number;
  /** Documents that wait for a thread; the budget starts only when one takes them. */
  readonly #waiting: Array<{
    resolve: () => void;
    reject: (e: Error) => void;
  }> = [];
  readonly #maxWaiting: number;
  #running = 0;
  #threadsStarted = 0;
  #closed = false;

  private constructor(options: WorkerPlanParserOptions) {
    this.#maxThreads = options.maxThreads ?? defaultMaxThreads();
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING;
    this.#pool = new Piscina<
      ParseTask | LineageTask,
      ParsedPlanResult | SqlLineageCheck
    >({
      ...resolveWorker(),
      // An idle backend holds no threads.
      minThreads: 0,
      maxThreads: this.#maxThreads,
      idleTimeout: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    });
    this.#pool.on('workerCreate', () => {
      this.#threadsStarted++;
    });
    // piscina emits 'error' for a worker that fails while it holds no document (one that
    // cannot load, say); unheard, that event would end the backend process.
    this.#pool.on('error', error => {
      options.logger?.error('A plan parsing worker failed', error);
    });
  }

  async parse(
    text: string,
    options: ParseOptions = {},
  ): Promise<ParsedPlanResult> {
    return (await this.#run(
      { text, policy: options.policy },
      'default',
      options.timeoutMs,
    )) as ParsedPlanResult;
  }

  /**
   * Compares a project's SQL files with its plan (`checkSqlLineage` with the AST reader)
   * in a thread of the pool, within the same time budget as a document: parsing SQL
   * statements is CPU-heavy. Rejects as `parse` does when the budget runs out.
   */
  async checkSqlLineage(
    plan: Pick<ParsedPlan, 'objects' | 'layers'>,
    sqlByObject: ReadonlyMap<string, { path: string; text: string }>,
    options: { timeoutMs?: number } = {},
  ): Promise<SqlLineageCheck> {
    // Only what the check reads crosses to the thread.
    const task = {
      plan: { objects: plan.objects, layers: plan.layers },
      sqlByObject,
    };
    return (await this.#run(
      task,
      'checkLineage',
      options.timeoutMs,
    )) as SqlLineageCheck;
  }

  async #run(
    task: Omit<ParseTask, 'started'> | Omit<LineageTask, 'started'>,
    name: 'default' | 'checkLineage',
    ownTimeoutMs: number | undefined,
  ): Promise<ParsedPlanResult | SqlLineageCheck> {
    const timeoutMs = ownTimeoutMs ?? this.#timeoutMs;
    await this.#takeThread();
    // The budget starts when a thread has taken the task (its `started` message), so
    // that a thread still loading its modules on a busy machine does not spend it.
    const { port1: started, port2: startedInWorker } = new MessageChannel();
    const abort = new AbortController();
    once(started, 'message', { signal: abort.signal })
      .then(() => {
        const budget = AbortSignal.timeout(timeoutMs);
        budget.addEventListener('abort', () => abort.abort(budget.reason), {
          once: true,
        });
      })
      .catch(() => {
        // The task ended before the thread said it took it.
      });
    try {
      return await this.#pool.run(
        { ...task, started: startedInWorker } as ParseTask | LineageTask,
        {
          name,
          signal: abort.signal,
          // piscina types its transfer list after the last postMessage overload of the
          // DOM's MessagePort (an options object); at run time it is the usual array.
          transferList: [
            startedInWorker,
          ] as unknown as StructuredSerializeOptions,
        },
      );
    } catch (error) {
      if (isBudgetSpent(error)) throw new PlanParseTimeoutError(timeoutMs);
      throw error;
    } finally {
      // Ends the wait for `started` (and so the budget's timer) and the channel.
      if (!abort.signal.aborted) abort.abort();
      started.close();
      this.#releaseThread();
    }
  }

  /** The time budget of one document, in ms, unless its parse sets its own. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  stats(): WorkerPlanParserStats {
    return {
      maxThreads: this.#maxThreads,
      threads: this.#pool.threads.length,
      threadsStarted: this.#threadsStarted,
      running: this.#running,
      waiting: this.#waiting.length,
    };
  }

  /** Ends every thread; documents in flight or waiting are rejected, later ones refused. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const waiting of this.#waiting.splice(0)) {
      waiting.reject(new ServiceUnavailableError('Plan parsing has stopped'));
    }
    await this.#pool.destroy();
  }

  // At most maxThreads documents are handed to piscina at once, so none of them spends
  // its time budget in piscina's queue.
  async #takeThread() {
    if (this.#closed) {
      throw new ServiceUnavailableError('Plan parsing has stopped');
    }
    if (this.#running < this.#maxThreads) {
      this.#running++;
      return;
    }
    if (this.#waiting.length >= this.#maxWaiting) {
      throw new ServiceUnavailableError(
        `Too many plans are waiting to be parsed (${
          this.#maxWaiting
        }); try again later`,
      );
    }
    await new Promise<void>((resolve, reject) =>
      this.#waiting.push({ resolve, reject }),
    );
  }

  #releaseThread() {
    const next = this.#closed ? undefined : this.#waiting.shift();
    if (next) next.resolve();
    else this.#running--;
  }
}
