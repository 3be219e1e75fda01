import { PlanSource } from '../../database/DataPlanStore';

/** One past version of a plan: the text as it was committed. */
export interface PlanVersion {
  /** The commit's SHA-1, 40 lower-case hex digits. */
  commit: string;
  /** When the commit was committed (the committer's date), ISO 8601 in UTC. */
  committedAt: string;
  /** The commit's author by name, when the host gives it. */
  author?: string;
  text: string;
}

/**
 * A commit that touched the plan's path but left no readable plan there: it deleted the
 * plan, put something other than a file there, or the content is not a plan's text (too
 * large, empty, binary, not UTF-8, an HTML page).
 */
export interface SkippedPlanVersion {
  commit: string;
  committedAt: string;
  reason: string;
}

/**
 * The versions of a plan, newest first, or why its host cannot give them.
 *
 * `versions` and `skipped` together hold the last `limit` commits that changed the plan's
 * path, newest first each. `complete` is true when the history was read to its first
 * commit, so that no older version exists.
 */
export type PlanVersionsResult =
  | {
      versions: PlanVersion[];
      skipped: SkippedPlanVersion[];
      complete: boolean;
    }
  | {
      /** Why this source has no history to backfill from, as the tab says it. */
      unsupported: string;
    };

/** How much history to read. */
export interface PlanHistoryReadOptions {
  /** The most commits touching the plan's path to read: a positive integer. */
  limit: number;
  /** Stops the read; it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Reads the past versions of a plan from the history of the repository it lives in, to
 * backfill a project's history and trends.
 *
 * A source that has no history (a host without an API for it, a folder that is not a
 * repository) gives `{ unsupported }`. A source whose history cannot be read now (a rate
 * limit, a timeout, a broken answer) rejects: a `PlanHistoryRateLimitError` says when to
 * try again.
 */
export interface PlanHistoryReader {
  read(
    source: PlanSource,
    options: PlanHistoryReadOptions,
  ): Promise<PlanVersionsResult>;
}
