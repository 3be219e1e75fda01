import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import pLimit from 'p-limit';
import {
  BackfillCandidate,
  BackfillOutcome,
  BackfillVersion,
  DataPlanStore,
} from '../../database/DataPlanStore';
import { evaluateWithRules, PlanRuleSet } from '../evaluateWithRules';
import { notAPlan } from '../notAPlan';
import { PlanParser } from '../parsing/PlanParser';
import { PlanParseTimeoutError } from '../parsing/PlanParseTimeoutError';
import {
  AppliedPolicy,
  ConfigPlanPolicies,
  PlanPolicies,
} from '../policy/PlanPolicies';
import { PlanHistoryRateLimitError } from './PlanHistoryRateLimitError';
import { PlanHistoryReader, PlanVersion } from './PlanHistoryReader';

/** What one backfill pass did, for logs and tests. */
export interface BackfillStats {
  /** Projects that were candidates. */
  candidates: number;
  /** Candidates whose claim this pass won. */
  claimed: number;
  done: number;
  unsupported: number;
  failed: number;
  /** Backfills that wait for a host's rate limit, to be tried again. */
  retry: number;
  /** History rows written. */
  rows: number;
  /** Past versions read, and of them those that were no plan and left out. */
  versions: number;
  skippedVersions: number;
}

/** How one project's backfill went: its outcome, or why this pass did not do it. */
export type BackfillResult =
  | {
      outcome: BackfillOutcome['state'];
      rows: number;
      versions: number;
      skipped: number;
    }
  | { outcome: 'not-claimed' | 'no-entity' | 'claim-lost' };

/**
 * Fills each data project's history from its repository once, the first time the project
 * is seen: its past plan versions become history rows at their commit times, before the
 * first row the refresh recorded.
 */
export interface PlanBackfiller {
  /**
   * Backfills every project that has none yet, a few at a time. One project's failure is
   * recorded on it (or, for a rate limit, left to try again) and never stops the others.
   */
  backfillPending(options?: { signal?: AbortSignal }): Promise<BackfillStats>;

  /** Backfills one candidate, if its claim is won. */
  backfill(
    candidate: BackfillCandidate,
    options?: { signal?: AbortSignal },
  ): Promise<BackfillResult>;
}

/** Versions of a plan a backfill reads at most, unless configured. */
export const DEFAULT_BACKFILL_COMMITS = 100;

/** `Name: message` of an error, as a backfill's reason shows it. */
function describe(error: unknown): string {
  return isError(error)
    ? `${error.name}: ${error.message}`
    : `Error: ${String(error)}`;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * {@link PlanBackfiller} over the store, a history reader and the parse worker pool: each
 * version is parsed and evaluated as a refresh would, under the project's policy and with
 * the registered rules.
 */
export class DefaultPlanBackfiller implements PlanBackfiller {
  static create(options: {
    store: DataPlanStore;
    history: PlanHistoryReader;
    parser: PlanParser;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    /** Which policy each project is evaluated under. Default: the default policy for all. */
    policies?: PlanPolicies;
    /** The registered plan rules, run over every evaluation. Default: none. */
    rules?: PlanRuleSet;
    /** Versions read per project at most. Default {@link DEFAULT_BACKFILL_COMMITS}. */
    commits?: number;
    /** Projects backfilled at the same time. Default 4. */
    concurrency?: number;
    /** Versions older than this many days are not kept (the history's retention). */
    retentionDays?: number;
    /**
     * Minutes after which a running claim counts as stale and may be taken over: longer
     * than any one backfill takes. Default 30.
     */
    staleClaimMinutes?: number;
    /** The clock; the system clock unless a test sets one. */
    now?: () => Date;
  }): DefaultPlanBackfiller {
    return new DefaultPlanBackfiller(options);
  }

  readonly #store: DataPlanStore;
  readonly #history: PlanHistoryReader;
  readonly #parser: PlanParser;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #policies: PlanPolicies;
  readonly #rules: PlanRuleSet | undefined;
  readonly #commits: number;
  readonly #concurrency: number;
  readonly #retentionDays: number | undefined;
  readonly #staleMs: number;
  readonly #now: () => Date;

  private constructor(
    options: Parameters<typeof DefaultPlanBackfiller.create>[0],
  ) {
    this.#store = options.store;
    this.#history = options.history;
    this.#parser = options.parser;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#policies = options.policies ?? ConfigPlanPolicies.create();
    this.#rules = options.rules;
    this.#commits = options.commits ?? DEFAULT_BACKFILL_COMMITS;
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.#retentionDays = options.retentionDays;
    this.#staleMs = (options.staleClaimMinutes ?? 30) * MINUTE_MS;
    this.#now = options.now ?? (() => new Date());
  }

  #times() {
    const now = this.#now();
    return { now, staleBefore: new Date(now.getTime() - this.#staleMs) };
  }

  /**
   * Backfills every project that has none yet. Once `signal` aborts (the scheduled task's
   * timeout), no further project is begun and the reads under way stop; their claims go
   * stale and are taken over later.
   */
  async backfillPending(
    options: { signal?: AbortSignal } = {},
  ): Promise<BackfillStats> {
    const { signal } = options;
    const stats: BackfillStats = {
      candidates: 0,
      claimed: 0,
      done: 0,
      unsupported: 0,
      failed: 0,
      retry: 0,
      rows: 0,
      versions: 0,
      skippedVersions: 0,
    };
    const candidates = await this.#store.listBackfillCandidates(this.#times());
    stats.candidates = candidates.length;
    if (!candidates.length) return stats;
    const limit = pLimit(this.#concurrency);
    await Promise.all(
      candidates.map(candidate =>
        limit(async () => {
          if (signal?.aborted) return;
          try {
            const result = await this.backfill(candidate, { signal });
            if ('rows' in result) {
              stats.claimed++;
              stats[result.outcome]++;
              stats.rows += result.rows;
              stats.versions += result.versions;
              stats.skippedVersions += result.skipped;
            }
          } catch (error) {
            // The claim stays until it is stale, then another pass takes it over.
            this.#logger.error(
              `Could not backfill the history of ${
                candidate.entityRef
              }: ${describe(error)}`,
            );
          }
        }),
      ),
    );
    this.#logger.info('Backfilled data plan history', { ...stats });
    return stats;
  }

  async backfill(
    candidate: BackfillCandidate,
    options: { signal?: AbortSignal } = {},
  ): Promise<BackfillResult> {
    const { entityRef } = candidate;
    const { signal } = options;
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials: await this.#auth.getOwnServiceCredentials(),
    });
    // Gone from the catalog: the refresh soft-deletes the project, no backfill.
    if (!entity) return { outcome: 'no-entity' };
    const times = this.#times();
    if (!(await this.#store.claimBackfill(entityRef, times))) {
      return { outcome: 'not-claimed' };
    }
    const claimedAt = times.now;
    let outcome: BackfillOutcome;
    let versions = 0;
    let skipped = 0;
    try {
      const read = await this.#history.read(candidate.source, {
        limit: this.#commits,
        signal,
      });
      if ('unsupported' in read) {
        outcome = { state: 'unsupported', reason: read.unsupported };
      } else {
        versions = read.versions.length;
        const parsed = await this.#parseAll(
          entity,
          this.#policies.forEntity(entity),
          read.versions,
          signal,
        );
        skipped = versions - parsed.length;
        outcome = {
          state: 'done',
          versions: parsed,
          ...(this.#retentionDays !== undefined
            ? {
                notBefore: new Date(
                  this.#now().getTime() - this.#retentionDays * DAY_MS,
                ),
              }
            : {}),
        };
      }
    } catch (error) {
      // Stopped, not failed: the claim goes stale and another pass does it.
      if (signal?.aborted) throw error;
      if (error instanceof PlanHistoryRateLimitError) {
        this.#logger.warn(
          `Backfilling the history of ${entityRef} waits for a rate limit: ${error.message}`,
        );
        outcome = {
          state: 'retry',
          reason: error.message,
          retryAt: error.retryAt,
        };
      } else {
        const reason = describe(error);
        this.#logger.warn(
          `Could not backfill the history of ${entityRef}: ${reason}`,
        );
        outcome = { state: 'failed', reason };
      }
    }
    const rows = await this.#store.finishBackfill(entityRef, {
      claimedAt,
      outcome,
      now: this.#now(),
    });
    if (rows === undefined) return { outcome: 'claim-lost' };
    return { outcome: outcome.state, rows, versions, skipped };
  }

  /**
   * Each version parsed and evaluated, one at a time (the pool serves the refresh too).
   * A version that is no plan, or over its time budget, is left out: the live refresh
   * would have kept the last good plan then too.
   */
  async #parseAll(
    entity: Entity,
    applied: AppliedPolicy,
    versions: PlanVersion[],
    signal: AbortSignal | undefined,
  ): Promise<BackfillVersion[]> {
    const parsed: BackfillVersion[] = [];
    for (const version of versions) {
      signal?.throwIfAborted();
      let result;
      try {
        result = await this.#parser.parse(version.text, {
          policy: applied.policy,
        });
      } catch (error) {
        if (error instanceof PlanParseTimeoutError) continue;
        throw error;
      }
      if (notAPlan(result.plan)) continue;
      parsed.push({
        commit: version.commit,
        committedAt: new Date(version.committedAt),
        plan: result.plan,
        evaluation: evaluateWithRules({
          plan: result.plan,
          evaluation: result.evaluation,
          spentMs: result.elapsedMs,
          policy: applied.policy,
          entity,
          ruleSet: this.#rules,
        }),
      });
    }
    return parsed;
  }
}
