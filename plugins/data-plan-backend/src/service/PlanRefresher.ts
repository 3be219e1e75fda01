import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import {
  isDataPlanAvailable,
  PARSER_VERSION,
  PlanEvaluation,
  RuleRunRule,
  stuckAfterDays,
} from '@dataplan/plugin-data-plan-common';
import {
  DataPlanStore,
  ProjectIdentity,
  RefreshState,
  WritePublish,
} from '../database/DataPlanStore';
import { PlanParser } from './parsing/PlanParser';
import {
  PARSE_TIMEOUT,
  PlanParseTimeoutError,
} from './parsing/PlanParseTimeoutError';
import { dataProjectPages } from './dataProjectPages';
import { evaluateWithRules, PlanRuleSet } from './evaluateWithRules';
import { notAPlan } from './notAPlan';
import { PlanReader, ResolvedPlanSource } from './PlanReader';
import {
  AppliedPolicy,
  ConfigPlanPolicies,
  PlanPolicies,
  POLICY_ENTITY_FIELDS,
} from './policy/PlanPolicies';

/** What one refresh cycle did, for logs and the benchmark. */
export interface RefreshStats {
  projects: number;
  downloads: number;
  parses: number;
  evaluations: number;
  writes: number;
  errors: number;
  deleted: number;
  catalogCalls: number;
  durationMs: number;
}

export type RefreshOutcome = 'written' | 'unchanged' | 'error';

/** The entity fields a refresh needs (its policy's among them); the catalog sends nothing else. */
const FIELDS = [
  ...new Set([
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.title',
    'metadata.annotations',
    'spec.type',
    'spec.owner',
    ...POLICY_ENTITY_FIELDS,
  ]),
];

const PAGE_SIZE = 500;

export function identityOf(entity: Entity): ProjectIdentity {
  const identity: ProjectIdentity = {
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
  };
  if (entity.metadata.title) identity.title = entity.metadata.title;
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner === 'string' && owner) {
    try {
      identity.owner = stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      );
    } catch {
      identity.owner = owner;
    }
  }
  return identity;
}

/** `Name: message` of an error, as a project's last error shows it. */
function describe(error: unknown): string {
  return isError(error)
    ? `${error.name}: ${error.message}`
    : `Error: ${String(error)}`;
}

/** Whether a recorded error is a parse that ran out of its time budget. */
function isParseTimeout(lastError: string | undefined) {
  return lastError?.startsWith(`InputError: ${PARSE_TIMEOUT}:`) ?? false;
}

/** The finding that says the custom rules ran over their budget (typed by common's list). */
const RULES_OVER_BUDGET: RuleRunRule = 'rules-over-budget';

/**
 * The policy hash a result is stored under: the applied policy's, unless the custom rules
 * ran over their time budget. Whether they do depends on the machine's load, not on the
 * plan: such a result is stored under a hash no policy has, so that the next cycle
 * evaluates the stored plan again (without reading it) instead of keeping it for good.
 */
function resultPolicyHash(
  applied: AppliedPolicy,
  evaluation: PlanEvaluation,
): string {
  return evaluation.findings.some(f => f.rule === RULES_OVER_BUDGET)
    ? `${applied.hash}:${RULES_OVER_BUDGET}`
    : applied.hash;
}

/** Whether the stored result was evaluated under this policy, by this name. */
function underPolicy(state: RefreshState | undefined, applied: AppliedPolicy) {
  return (
    state?.policyHash === applied.hash && state.policyName === applied.name
  );
}

function sameIdentity(a: ProjectIdentity, b: RefreshState) {
  return a.name === b.name && a.title === b.title && a.owner === b.owner;
}

/**
 * Keeps every data project's stored plan up to date: unchanged plans cost no download, no
 * parse and no write; a parser upgrade re-parses once; a result stored under another policy
 * is re-evaluated from the stored plan without reading it again.
 */
export interface PlanRefresher {
  /** One refresh cycle over every data project. */
  refreshAll(): Promise<RefreshStats>;

  /**
   * Refreshes one project now, e.g. on request; callers that ask while a read of the
   * project is under way share that read.
   */
  refreshEntity(entity: Entity): Promise<RefreshOutcome>;
}

/** {@link PlanRefresher} over the catalog, a plan reader, the parser and the store. */
export class DefaultPlanRefresher implements PlanRefresher {
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    reader: PlanReader;
    parser: PlanParser;
    store: DataPlanStore;
    logger: LoggerService;
    /** Which policy each project is evaluated under. Default: the default policy for all. */
    policies?: PlanPolicies;
    /** The registered plan rules, run over every evaluation. Default: none. */
    rules?: PlanRuleSet;
    concurrency?: number;
    /**
     * How often a cycle's writes reach the reused list, facets and export results while
     * it runs (and once more when it ends). Default 10 s.
     */
    publishIntervalMs?: number;
  }) {
    return new DefaultPlanRefresher(options);
  }

  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #reader: PlanReader;
  readonly #parser: PlanParser;
  readonly #store: DataPlanStore;
  readonly #logger: LoggerService;
  readonly #policies: PlanPolicies;
  readonly #rules: PlanRuleSet | undefined;
  readonly #concurrency: number;
  readonly #publishIntervalMs: number;
  /** The refresh under way per project: one read at a time for each. */
  readonly #inFlight = new Map<string, Promise<RefreshOutcome>>();
  #publishing: Promise<void> = Promise.resolve();
  /**
   * Content hashes whose parse ran out of this process's time budget. A timeout stored by
   * an earlier process (perhaps with a smaller budget) is tried once more; one of this
   * process's stands until the content changes.
   */
  readonly #timedOut = new LRUCache<string, true>({ max: 10_000 });

  private constructor(
    options: Parameters<typeof DefaultPlanRefresher.create>[0],
  ) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#reader = options.reader;
    this.#parser = options.parser;
    this.#store = options.store;
    this.#logger = options.logger;
    this.#policies = options.policies ?? ConfigPlanPolicies.create();
    this.#rules = options.rules;
    this.#concurrency = options.concurrency ?? 8;
    this.#publishIntervalMs = options.publishIntervalMs ?? 10_000;
  }

  /** Every data project in the catalog, read with the plugin's own credentials. */
  async #dataProjects(stats: RefreshStats): Promise<Entity[]> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of dataProjectPages(this.#catalog, {
      credentials,
      fields: FIELDS,
      pageSize: PAGE_SIZE,
    })) {
      stats.catalogCalls++;
      entities.push(...page.filter(isDataPlanAvailable));
    }
    return entities;
  }

  /** One refresh cycle over every data project. */
  async refreshAll(): Promise<RefreshStats> {
    const started = Date.now();
    const stats: RefreshStats = {
      projects: 0,
      downloads: 0,
      parses: 0,
      evaluations: 0,
      writes: 0,
      errors: 0,
      deleted: 0,
      catalogCalls: 0,
    } as RefreshStats;
    const entities = await this.#dataProjects(stats);
    const states = await this.#store.getRefreshStates();
    stats.projects = entities.length;
    const seen = new Set<string>();
    // The cycle's writes reach the reused results in batches, never one by one.
    const publisher = setInterval(
      () => this.#publish(),
      this.#publishIntervalMs,
    );
    try {
      await this.#refreshEach(entities, states, seen, stats);
    } finally {
      clearInterval(publisher);
      await this.#publish();
    }
    stats.deleted = await this.#store.markDeletedExcept(seen, new Date());
    stats.durationMs = Date.now() - started;
    this.#logger.info('Refreshed data plans', { ...stats });
    return stats;
  }

  /** One publish at a time; a failed one is logged, and the next one makes up for it. */
  #publish(): Promise<void> {
    this.#publishing = this.#publishing.then(() =>
      this.#store
        .publish()
        .catch(error =>
          this.#logger.error(
            `Could not publish refreshed plans: ${describe(error)}`,
          ),
        ),
    );
    return this.#publishing;
  }

  async #refreshEach(
    entities: Entity[],
    states: Map<string, RefreshState>,
    seen: Set<string>,
    stats: RefreshStats,
  ) {
    const limit = pLimit(Math.max(1, Math.floor(this.#concurrency)));
    const refreshOne = async (entity: Entity) => {
      let entityRef = entity.metadata?.name ?? 'an entity';
      try {
        entityRef = stringifyEntityRef(entity);
        seen.add(entityRef);
        await this.#once(entityRef, () =>
          this.#refresh(entity, states.get(entityRef), stats, 'later'),
        );
      } catch (error) {
        // #refresh records its own failures; this is the last line, so that one project can
        // never end the cycle for the others or keep soft deletes from running.
        stats.errors++;
        this.#logger.error(
          `Could not refresh the plan of ${entityRef}: ${describe(error)}`,
        );
      }
    };
    await Promise.all(entities.map(entity => limit(() => refreshOne(entity))));
  }

  /**
   * Refreshes one project now, e.g. on request: it reads that project's row only, and
   * callers that ask while a read of the project is under way share that read.
   */
  async refreshEntity(entity: Entity): Promise<RefreshOutcome> {
    const entityRef = stringifyEntityRef(entity);
    return this.#once(entityRef, async () => {
      const stats = {
        downloads: 0,
        parses: 0,
        evaluations: 0,
        writes: 0,
        errors: 0,
      } as RefreshStats;
      return this.#refresh(
        entity,
        await this.#store.getRefreshState(entityRef),
        stats,
        'now',
      );
    });
  }

  /** Runs `refresh` unless one for the project is under way, whose outcome it then shares. */
  #once(
    entityRef: string,
    refresh: () => Promise<RefreshOutcome>,
  ): Promise<RefreshOutcome> {
    const running = this.#inFlight.get(entityRef);
    if (running) return running;
    const started = refresh().finally(() => this.#inFlight.delete(entityRef));
    this.#inFlight.set(entityRef, started);
    return started;
  }

  async #refresh(
    entity: Entity,
    state: RefreshState | undefined,
    stats: RefreshStats,
    publish: WritePublish,
  ): Promise<RefreshOutcome> {
    const identity = identityOf(entity);
    const applied = this.#policies.forEntity(entity);
    const now = new Date();
    let source: ResolvedPlanSource | undefined;
    try {
      source = await this.#reader.resolveSource(entity);
      // A parser upgrade or a moved plan needs the text again: no ETag short-cut then.
      const reusable =
        state?.contentHash !== undefined &&
        state.parserVersion === PARSER_VERSION &&
        state.sourceLocation === source.location;
      // Content refused as no plan is asked about first: still there, the error stands.
      const rejected =
        state?.rejected?.parserVersion === PARSER_VERSION &&
        state.sourceLocation === source.location &&
        (!isParseTimeout(state.lastError) ||
          this.#timedOut.has(state.rejected.contentHash))
          ? state.rejected
          : undefined;
      const read = await this.#reader.read(
        source,
        rejected ??
          (reusable
            ? { etag: state?.etag, contentHash: state?.contentHash }
            : undefined),
      );

      if (read.status === 'unchanged' && rejected) {
        // The refused content is still there: the error stands, nothing to parse.
        stats.errors++;
        if (state && (state.deleted || !sameIdentity(identity, state))) {
          await this.#saveError(
            {
              identity,
              source,
              error: state.lastError!,
              rejected,
              now,
              publish,
            },
            stats,
          );
        }
        return 'error';
      }

      if (read.status === 'unchanged') {
        // Another policy applies (the config changed, or the project now matches another
        // scope): the stored plan is evaluated again, without reading it.
        if (!underPolicy(state, applied)) {
          const stored = await this.#store.getProject(identity.entityRef);
          if (stored?.plan) {
            stats.evaluations++;
            const reevaluated = evaluateWithRules({
              plan: stored.plan,
              policy: applied.policy,
              entity,
              ruleSet: this.#rules,
            });
            const outcome = await this.#store.saveResult({
              identity,
              source,
              key: {
                etag: read.etag ?? state?.etag,
                contentHash: state!.contentHash!,
                parserVersion: PARSER_VERSION,
                policyHash: resultPolicyHash(applied, reevaluated),
                policyName: applied.name,
              },
              plan: stored.plan,
              evaluation: reevaluated,
              stuckAfterDays: stuckAfterDays(
                stored.plan.metadata.status,
                applied.policy,
              ),
              now,
              publish,
            });
            if (outcome === 'written') stats.writes++;
            return outcome;
          }
        }
        if (
          state &&
          (state.hasError || state.deleted || !sameIdentity(identity, state))
        ) {
          await this.#store.markFresh({
            identity,
            source,
            etag: read.etag,
            now,
            publish,
          });
          stats.writes++;
        }
        return 'unchanged';
      }

      stats.downloads++;
      if (rejected && read.contentHash === rejected.contentHash) {
        // The same refused text under a new ETag: remember the ETag, no parse.
        stats.errors++;
        await this.#saveError(
          {
            identity,
            source,
            error: state!.lastError!,
            rejected: { ...rejected, etag: read.etag },
            now,
            publish,
          },
          stats,
        );
        return 'error';
      }
      if (
        reusable &&
        read.contentHash === state?.contentHash &&
        underPolicy(state, applied)
      ) {
        // Same text under a new ETag (or back after a refused read): no parse.
        await this.#store.markFresh({
          identity,
          source,
          etag: read.etag,
          now,
          publish,
        });
        stats.writes++;
        return 'unchanged';
      }
      stats.parses++;
      stats.evaluations++;
      let parsed;
      try {
        parsed = await this.#parser.parse(read.text, {
          policy: applied.policy,
        });
      } catch (error) {
        // Over its time budget: refused like content that is no plan, so that the same
        // text does not take a worker's whole budget again every cycle.
        if (!(error instanceof PlanParseTimeoutError)) throw error;
        this.#timedOut.set(read.contentHash, true);
        await this.#refuse(
          identity,
          source,
          read,
          describe(error),
          now,
          publish,
          stats,
        );
        return 'error';
      }
      const { plan } = parsed;
      const refusal = notAPlan(plan);
      if (refusal) {
        const error = describe(
          new InputError(`${source.path} is not a plan: ${refusal}`),
        );
        await this.#refuse(identity, source, read, error, now, publish, stats);
        return 'error';
      }
      const evaluation = evaluateWithRules({
        plan,
        evaluation: parsed.evaluation,
        spentMs: parsed.elapsedMs,
        policy: applied.policy,
        entity,
        ruleSet: this.#rules,
      });
      const outcome = await this.#store.saveResult({
        identity,
        source,
        key: {
          etag: read.etag,
          contentHash: read.contentHash,
          parserVersion: PARSER_VERSION,
          policyHash: resultPolicyHash(applied, evaluation),
          policyName: applied.name,
        },
        plan,
        evaluation,
        stuckAfterDays: stuckAfterDays(plan.metadata.status, applied.policy),
        now,
        publish,
      });
      if (outcome === 'written') stats.writes++;
      return outcome;
    } catch (error) {
      stats.errors++;
      const message = describe(error);
      this.#logger.warn(
        `Could not refresh the plan of ${identity.entityRef}: ${message}`,
      );
      await this.#saveError(
        { identity, source, error: message, now, publish },
        stats,
      );
      return 'error';
    }
  }

  /**
   * Records content that cannot become the project's plan. The stored plan stays the
   * truth, and this content's key is kept apart from the stored result's key, so that
   * only a change is read again.
   */
  async #refuse(
    identity: ProjectIdentity,
    source: ResolvedPlanSource,
    read: { etag?: string; contentHash: string },
    error: string,
    now: Date,
    publish: WritePublish,
    stats: RefreshStats,
  ) {
    stats.errors++;
    this.#logger.warn(
      `Could not refresh the plan of ${identity.entityRef}: ${error}`,
    );
    await this.#saveError(
      {
        identity,
        source,
        error,
        rejected: {
          ...(read.etag ? { etag: read.etag } : {}),
          contentHash: read.contentHash,
          parserVersion: PARSER_VERSION,
        },
        now,
        publish,
      },
      stats,
    );
  }

  /** Records a failure on the project; a failure to record it is only logged. */
  async #saveError(
    options: Parameters<DataPlanStore['saveError']>[0],
    stats: RefreshStats,
  ) {
    try {
      await this.#store.saveError(options);
      stats.writes++;
    } catch (error) {
      this.#logger.error(
        `Could not record the refresh error of ${
          options.identity.entityRef
        }: ${describe(error)}`,
      );
    }
  }
}
