import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  checkRepository,
  checkSqlLineage,
  isDataPlanAvailable,
  SqlLineageRunner,
  tolerantSqlLineageReader,
} from '@dataplan/plugin-data-plan-common';
import pLimit from 'p-limit';
import {
  DataPlanStore,
  RepositoryCheckState,
} from '../../database/DataPlanStore';
import { dataProjectPages } from '../dataProjectPages';
import { PLAN_ENTITY_FIELDS } from '../planEntityFields';
import { PlanReader } from '../PlanReader';
import { CHECK_VERSION } from './checkVersion';
import { ProjectFilesReader } from './ProjectFilesReader';

/** A project's check under way, and the plan it checks once it has read it. */
interface Run {
  done: Promise<RepositoryCheckOutcome>;
  contentHash?: string;
}

/** What one repository check pass did, for logs and the benchmark. */
export interface RepositoryCheckStats {
  projects: number;
  checked: number;
  /** Projects whose plan and listing were as last checked: nothing read beyond the listing. */
  unchanged: number;
  /** Checks whose report changed: their projects were evaluated again. */
  changed: number;
  errors: number;
  /** Calls to the source control host (or the disk): listings and file reads. */
  scmCalls: number;
  fileReads: number;
  durationMs: number;
}

/** How one project's check went. */
export type RepositoryCheckOutcome =
  | 'changed'
  | 'unchanged'
  | 'not-modified'
  | 'no-plan'
  | 'error';

/**
 * Holds each data project's plan against its repository's files: on its own schedule and
 * after a plan changed, never with every refresh, as reading trees costs host API calls.
 */
export interface RepositoryChecker {
  /** Checks every data project. */
  checkAll(options?: { signal?: AbortSignal }): Promise<RepositoryCheckStats>;
  /** Checks one project now, e.g. after its plan changed. */
  checkEntity(entity: Entity): Promise<RepositoryCheckOutcome>;
}

const PAGE_SIZE = 500;

function describe(error: unknown): string {
  return isError(error)
    ? `${error.name}: ${error.message}`
    : `Error: ${String(error)}`;
}

/** {@link RepositoryChecker} over the catalog, the plan reader's containment and the store. */
export class DefaultRepositoryChecker implements RepositoryChecker {
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    reader: PlanReader;
    files: ProjectFilesReader;
    store: DataPlanStore;
    logger: LoggerService;
    /** Projects checked at the same time. Default 4. */
    concurrency?: number;
    /**
     * Compares the planned objects' SQL with the plan away from the event loop: the parse
     * pool's threads, with the AST reader. When it fails (its time budget spent, the pool
     * full or closed) the tolerant reader, linear in the text, reads the SQL here instead.
     * Without it, the tolerant reader alone.
     */
    sqlLineage?: SqlLineageRunner;
    /** Called when a project's report changed, to evaluate its stored plan with it. */
    onReportChanged?: (entity: Entity) => Promise<unknown>;
    /** The clock. Default the system's. */
    now?: () => Date;
  }): DefaultRepositoryChecker {
    return new DefaultRepositoryChecker(options);
  }

  readonly #options: Parameters<typeof DefaultRepositoryChecker.create>[0];
  readonly #limit: ReturnType<typeof pLimit>;
  readonly #now: () => Date;
  /** The check under way per project: one at a time for each. */
  readonly #inFlight = new Map<string, Run>();

  private constructor(
    options: Parameters<typeof DefaultRepositoryChecker.create>[0],
  ) {
    this.#options = options;
    this.#limit = pLimit(options.concurrency ?? 4);
    this.#now = options.now ?? (() => new Date());
  }

  async checkAll(options?: {
    signal?: AbortSignal;
  }): Promise<RepositoryCheckStats> {
    const started = Date.now();
    const stats: RepositoryCheckStats = {
      projects: 0,
      checked: 0,
      unchanged: 0,
      changed: 0,
      errors: 0,
      scmCalls: 0,
      fileReads: 0,
      durationMs: 0,
    };
    const credentials = await this.#options.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of dataProjectPages(this.#options.catalog, {
      credentials,
      // A changed report re-evaluates the project with this entity: all a refresh needs.
      fields: [...PLAN_ENTITY_FIELDS],
      pageSize: PAGE_SIZE,
    })) {
      entities.push(...page.filter(isDataPlanAvailable));
    }
    stats.projects = entities.length;
    const states = await this.#options.store.getRepositoryCheckStates();
    // The longest unchecked first (never checked before all): a pass that runs out of
    // time leaves others than last time unchecked.
    const checkedAt = (entity: Entity) =>
      states.get(stringifyEntityRef(entity))?.checkedAt.getTime() ?? -Infinity;
    entities.sort((a, b) => checkedAt(a) - checkedAt(b));
    await Promise.all(
      entities.map(entity =>
        this.#limit(async () => {
          if (options?.signal?.aborted) return;
          const outcome = await this.#once(
            entity,
            states,
            stats,
            options?.signal,
          ).done;
          if (outcome === 'changed' || outcome === 'unchanged') stats.checked++;
          if (outcome === 'changed') stats.changed++;
          if (outcome === 'not-modified') stats.unchanged++;
          if (outcome === 'error') stats.errors++;
        }),
      ),
    );
    stats.durationMs = Date.now() - started;
    this.#options.logger.info(
      'Checked data projects against their repositories',
      {
        ...stats,
      },
    );
    return stats;
  }

  async checkEntity(entity: Entity): Promise<RepositoryCheckOutcome> {
    const entityRef = stringifyEntityRef(entity);
    for (;;) {
      const running = this.#inFlight.get(entityRef);
      if (!running) break;
      // A check under way may have read the plan before it changed: when it did, the
      // plan now stored is checked after it, not left to the next pass.
      const outcome = await running.done;
      const stored = (
        await this.#options.store.getStoredPlans([entityRef])
      ).get(entityRef);
      if (stored?.contentHash === running.contentHash) return outcome;
    }
    // Its own state, read once its turn comes: thousands of plans read for the first time
    // each ask for a check, and none holds more than one row while it waits.
    return this.#limit(
      async () =>
        this.#once(
          entity,
          await this.#options.store.getRepositoryCheckStates(entityRef),
        ).done,
    );
  }

  #once(
    entity: Entity,
    states: Map<string, RepositoryCheckState>,
    stats?: RepositoryCheckStats,
    signal?: AbortSignal,
  ): Run {
    const entityRef = stringifyEntityRef(entity);
    const running = this.#inFlight.get(entityRef);
    if (running) return running;
    const run: Run = { done: Promise.resolve('error') };
    run.done = this.#check(
      entity,
      entityRef,
      states.get(entityRef),
      run,
      stats,
      signal,
    )
      .catch(error => {
        this.#options.logger.error(
          `Could not check ${entityRef} against its repository: ${describe(
            error,
          )}`,
        );
        return 'error' as const;
      })
      .finally(() => this.#inFlight.delete(entityRef));
    this.#inFlight.set(entityRef, run);
    return run;
  }

  #sqlLineage(entityRef: string): SqlLineageRunner | undefined {
    const { sqlLineage: run, logger } = this.#options;
    if (!run) return undefined;
    return async (plan, sqlByObject) => {
      try {
        return await run(plan, sqlByObject);
      } catch (error) {
        logger.warn(
          `The SQL of ${entityRef} was read without parsing its statements: ${describe(
            error,
          )}`,
        );
        return checkSqlLineage(plan, sqlByObject, tolerantSqlLineageReader);
      }
    };
  }

  async #check(
    entity: Entity,
    entityRef: string,
    state: RepositoryCheckState | undefined,
    run: Run,
    stats?: RepositoryCheckStats,
    signal?: AbortSignal,
  ): Promise<RepositoryCheckOutcome> {
    const { store } = this.#options;
    const stored = (await store.getStoredPlans([entityRef])).get(entityRef);
    run.contentHash = stored?.contentHash;
    if (!stored?.plan) return 'no-plan';
    const now = this.#now();
    let files;
    let report;
    try {
      const source = await this.#options.reader.resolveSource(entity);
      // Same plan, same tree, same checks: the host says so without a listing.
      const same =
        state?.contentHash === stored.contentHash &&
        state?.checkVersion === CHECK_VERSION;
      files = this.#options.files.filesOf(source, {
        ...(same && state?.listingEtag ? { etag: state.listingEtag } : {}),
        ...(signal ? { signal } : {}),
      });
      report = await checkRepository(stored.plan, files, {
        sqlLineage: this.#sqlLineage(entityRef),
      });
    } catch (error) {
      if (isError(error) && error.name === 'NotModifiedError') {
        if (stats) stats.scmCalls += files?.stats.scmCalls ?? 1;
        return 'not-modified';
      }
      // The files cannot be read: said on the project, and the last report stands. (A
      // failure to store is not the files': thrown, and logged, never stored as theirs.)
      await store.saveRepositoryCheck(entityRef, {
        checkedAt: now,
        error: describe(error),
        scmCalls: files?.stats.scmCalls ?? 0,
        fileReads: files?.stats.fileReads ?? 0,
      });
      this.#options.logger.warn(
        `Could not check ${entityRef} against its repository: ${describe(
          error,
        )}`,
      );
      return 'error';
    }
    if (stats) {
      stats.scmCalls += files.stats.scmCalls;
      stats.fileReads += files.stats.fileReads;
    }
    const changed = await store.saveRepositoryCheck(entityRef, {
      checkedAt: now,
      contentHash: stored.contentHash,
      listingEtag: files.listingEtag(),
      checkVersion: CHECK_VERSION,
      report,
      scmCalls: files.stats.scmCalls,
      fileReads: files.stats.fileReads,
    });
    if (changed) await this.#options.onReportChanged?.(entity);
    return changed ? 'changed' : 'unchanged';
  }
}
