import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { LRUCache } from 'lru-cache';
import {
  getDataPlanWaiversPath,
  isDataPlanAvailable,
  ParsedPlan,
  PARSER_VERSION,
  PlanEvaluation,
  RuleRunRule,
  stuckAfterDays,
  WaiverFile,
  waiversHoldUntil,
} from '@dataplan/plugin-data-plan-common';
import {
  DataPlanStore,
  OwnerGroup,
  ProjectIdentity,
  RefreshState,
  WaiversKey,
  WritePublish,
} from '../database/DataPlanStore';
import { utcDay } from '../database/summaryColumns';
import { PlanParser } from './parsing/PlanParser';
import {
  PARSE_TIMEOUT,
  PlanParseTimeoutError,
} from './parsing/PlanParseTimeoutError';
import { PLAN_ENTITY_FIELDS } from './planEntityFields';
import { dataProjectPages } from './dataProjectPages';
import { entityRefKey } from './entityRefKey';
import { ownerGroups, readGroupParents } from './ownerGroups';
import { evaluateWithRules, PlanRuleSet } from './evaluateWithRules';
import { notAPlan } from './notAPlan';
import { contentHash, PlanReader, ResolvedPlanSource } from './PlanReader';
import { WaiverCommitFinder } from './waivers/WaiverCommitFinder';
import { parseWaiversText } from './waivers/parseWaiversText';
import { PlanNotifier } from './notifications/PlanNotifier';
import { ResultWriteBatch } from './ResultWriteBatch';
import { Slots } from './Slots';
import { StoredPlanPages } from './storedPlanPages';
import {
  AppliedPolicy,
  ConfigPlanPolicies,
  PlanPolicies,
} from './policy/PlanPolicies';

/** What one refresh cycle did, for logs and the benchmark. */
export interface RefreshStats {
  projects: number;
  downloads: number;
  parses: number;
  evaluations: number;
  writes: number;
  /** Projects whose owner groups changed, and were written. */
  ownerGroupWrites: number;
  errors: number;
  deleted: number;
  catalogCalls: number;
  /** Notifications sent at the cycle's end. */
  notificationsSent?: number;
  durationMs: number;
}

export type RefreshOutcome = 'written' | 'unchanged' | 'error';

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
  const system = (entity.spec as { system?: unknown } | undefined)?.system;
  if (typeof system === 'string' && system) {
    try {
      identity.system = entityRefKey(
        parseEntityRef(system, {
          defaultKind: 'system',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      );
    } catch {
      // Not a ref: no system the roll-up or its filter could name.
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
  return (
    a.name === b.name &&
    a.title === b.title &&
    a.owner === b.owner &&
    a.system === b.system
  );
}

/**
 * The waiver file as a refresh found it: its key (without `until`, which judging sets),
 * the file when it was read now, and whether the stored result must be judged again.
 */
interface WaiversRead {
  key: WaiversKey;
  file?: WaiverFile;
  /** Changed since the stored result was judged (or that result was never judged with one). */
  changed: boolean;
  /** A new ETag of the unchanged file, to store. */
  newEtag?: string;
}

/** Whether the day the stored result's waivers judgement held until has passed. */
function judgementEnded(state: RefreshState | undefined, now: Date) {
  const until = state?.waivers?.until;
  return until !== undefined && utcDay(now) > until;
}

/** Whether the stored result must be judged again: new waivers, or the day its judgement held until passed. */
function mustJudge(
  state: RefreshState | undefined,
  waivers: WaiversRead,
  now: Date,
) {
  return waivers.changed || judgementEnded(state, now);
}

/**
 * Whether an unchanged plan's stored result is evaluated again whatever its waiver file
 * holds: another policy applies, or its waivers' judgement ended.
 */
function evaluatedAgain(
  state: RefreshState | undefined,
  applied: AppliedPolicy,
  now: Date,
) {
  return (
    !underPolicy(state, applied) ||
    judgementEnded(state, now) ||
    repositoryChanged(state)
  );
}

/** The state as if no repository report were stored: the checks are off. */
function withoutReport(state: RefreshState) {
  delete state.reportHash;
}

/** Whether the project's last repository check is not the one its stored result was evaluated with. */
function repositoryChanged(state: RefreshState | undefined) {
  return (
    (state?.reportHash ?? undefined) !== (state?.repositoryHash ?? undefined)
  );
}

/**
 * What a refresh within a cycle shares with the others: the stored plans read in pages,
 * the writes in batches, and its slot, given back while its write waits for its batch.
 */
interface CycleContext {
  storedPlans: StoredPlanPages;
  writes: ResultWriteBatch;
  release: () => void;
}

const APPROVER_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

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

  /**
   * Refreshes one project once any refresh of it under way has ended, rather than sharing
   * that one, whose reads may predate what the caller knows: e.g. a new repository check.
   */
  refreshEntityAfter(entity: Entity): Promise<RefreshOutcome>;
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
     * How often a cycle's writes reach the reused list, facets, export and trends results while
     * it runs (and once more when it ends). Default 10 s.
     */
    publishIntervalMs?: number;
    /** The clock: its UTC date is the day waivers are judged on. Default the system's. */
    now?: () => Date;
    /** Finds the commit that added each waiver when a waiver file is read. Default: none, commits unknown. */
    waiverCommits?: WaiverCommitFinder;
    /**
     * Tells owners what changed: the writes record their notices, each cycle records the
     * due ones first and sends the pending ones last. Default: none, nothing is told.
     */
    notifier?: PlanNotifier;
    /**
     * Told of each project whose plan text changed and was written, e.g. to check its
     * repository again. Not awaited.
     */
    onPlanChanged?: (entity: Entity) => void;
    /**
     * Whether the repository checks' reports are merged into the results. Off (the checks
     * off), a stored report is not applied: a result evaluated with one is evaluated again
     * without it. Default true.
     */
    repositoryReports?: boolean;
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
  readonly #now: () => Date;
  readonly #waiverCommits: WaiverCommitFinder | undefined;
  readonly #notifier: PlanNotifier | undefined;
  readonly #onPlanChanged: ((entity: Entity) => void) | undefined;
  readonly #repositoryReports: boolean;
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
    this.#waiverCommits = options.waiverCommits;
    this.#notifier = options.notifier;
    this.#onPlanChanged = options.onPlanChanged;
    this.#repositoryReports = options.repositoryReports ?? true;
    this.#now = options.now ?? (() => new Date());
  }

  /** Every data project in the catalog, read with the plugin's own credentials. */
  async #dataProjects(stats: RefreshStats): Promise<Entity[]> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of dataProjectPages(this.#catalog, {
      credentials,
      fields: [...PLAN_ENTITY_FIELDS],
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
      ownerGroupWrites: 0,
      errors: 0,
      deleted: 0,
      catalogCalls: 0,
    } as RefreshStats;
    const entities = await this.#dataProjects(stats);
    const states = await this.#store.getRefreshStates();
    if (!this.#repositoryReports) states.forEach(withoutReport);
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
    stats.ownerGroupWrites = await this.#saveOwnerGroups(entities, stats);
    stats.deleted = await this.#store.markDeletedExcept(seen, new Date());
    // After the cycle's writes: a plan that moved on is no longer stuck, a renewed waiver
    // no longer expiring, a removed project no longer told.
    await this.#recordDueNotices();
    await this.#sendNotices(stats);
    stats.durationMs = Date.now() - started;
    this.#logger.info('Refreshed data plans', { ...stats });
    return stats;
  }

  /**
   * Stores each project's owner groups from the org hierarchy as the catalog has it now,
   * read once for the cycle; returns the projects whose groups changed. A catalog that
   * cannot be read leaves the stored groups as they were.
   */
  async #saveOwnerGroups(
    entities: Entity[],
    stats: RefreshStats,
  ): Promise<number> {
    try {
      const parents = await readGroupParents(this.#catalog, {
        credentials: await this.#auth.getOwnServiceCredentials(),
        pageSize: PAGE_SIZE,
        onPage: () => stats.catalogCalls++,
      });
      const groups = new Map<string, OwnerGroup[]>();
      for (const entity of entities) {
        let identity;
        try {
          identity = identityOf(entity);
        } catch {
          continue; // no ref: its refresh has logged why
        }
        groups.set(identity.entityRef, ownerGroups(identity.owner, parents));
      }
      return await this.#store.saveOwnerGroups(groups);
    } catch (error) {
      this.#logger.error(
        `Could not store the owner groups of data projects: ${describe(error)}`,
      );
      return 0;
    }
  }

  /** The notices due now (stuck plans, expiring waivers); a failure is logged. */
  async #recordDueNotices() {
    try {
      await this.#notifier?.recordDue();
    } catch (error) {
      this.#logger.error(
        `Could not record the due plan notices: ${describe(error)}`,
      );
    }
  }

  /** Sends what the cycle recorded (and what an earlier one could not send); a failure is logged. */
  async #sendNotices(stats: RefreshStats, entityRef?: string) {
    if (!this.#notifier) return;
    try {
      const sent = await this.#notifier.sendPending(
        entityRef ? { entityRef } : undefined,
      );
      stats.notificationsSent = (stats.notificationsSent ?? 0) + sent.sent;
    } catch (error) {
      this.#logger.error(`Could not send plan notices: ${describe(error)}`);
    }
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
    const slots = new Slots(this.#concurrency);
    const now = this.#now();
    // The stored plans a policy change (or waivers' end) evaluates again, if the plan is
    // unchanged: read a page at a time, in the order the projects are refreshed.
    const storedPlans = new StoredPlanPages(
      this.#store,
      entities.flatMap(entity => {
        const entityRef = stringifyEntityRef(entity);
        const state = states.get(entityRef);
        return state?.contentHash !== undefined &&
          state.parserVersion === PARSER_VERSION &&
          evaluatedAgain(state, this.#policies.forEntity(entity), now)
          ? [entityRef]
          : [];
      }),
    );
    const writes = new ResultWriteBatch(this.#store);
    const refreshOne = async (entity: Entity) => {
      const release = await slots.take();
      let entityRef = entity.metadata?.name ?? 'an entity';
      try {
        entityRef = stringifyEntityRef(entity);
        seen.add(entityRef);
        await this.#once(entityRef, () =>
          this.#refresh(entity, states.get(entityRef), stats, 'later', {
            storedPlans,
            writes,
            release,
          }),
        );
      } catch (error) {
        // #refresh records its own failures; this is the last line, so that one project can
        // never end the cycle for the others or keep soft deletes from running.
        stats.errors++;
        this.#logger.error(
          `Could not refresh the plan of ${entityRef}: ${describe(error)}`,
        );
      } finally {
        release();
      }
    };
    await Promise.all(entities.map(refreshOne));
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
      const state = await this.#store.getRefreshState(entityRef);
      if (state && !this.#repositoryReports) withoutReport(state);
      const outcome = await this.#refresh(entity, state, stats, 'now');
      // What this write recorded is sent now, not at the next cycle; the caller does not wait.
      if (outcome === 'written') void this.#sendNotices(stats, entityRef);
      return outcome;
    });
  }

  async refreshEntityAfter(entity: Entity): Promise<RefreshOutcome> {
    await this.#inFlight
      .get(stringifyEntityRef(entity))
      ?.catch(() => undefined);
    return this.refreshEntity(entity);
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
    cycle?: CycleContext,
  ): Promise<RefreshOutcome> {
    const identity = identityOf(entity);
    const applied = this.#policies.forEntity(entity);
    const now = this.#now();
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
        const waivers = await this.#readWaivers(entity, state, stats);
        // Another policy applies (the config changed, or the project now matches another
        // scope), the waivers changed, or the day their judgement held until passed: the
        // stored plan is evaluated again, without reading it.
        if (
          !underPolicy(state, applied) ||
          mustJudge(state, waivers, now) ||
          repositoryChanged(state)
        ) {
          const stored =
            (await cycle?.storedPlans.get(
              identity.entityRef,
              state?.contentHash,
            )) ?? (await this.#store.getProject(identity.entityRef));
          if (stored?.plan) {
            return this.#save(
              {
                identity,
                source,
                entity,
                applied,
                etag: read.etag ?? state?.etag,
                contentHash: state!.contentHash!,
                plan: stored.plan,
                waivers,
                storedWaivers: stored.waivers,
                reportHash: state?.reportHash,
                planChanged: false,
                now,
                publish,
              },
              stats,
              cycle,
            );
          }
        }
        if (
          state &&
          (state.hasError ||
            state.deleted ||
            !sameIdentity(identity, state) ||
            waivers.newEtag)
        ) {
          await this.#store.markFresh({
            identity,
            source,
            etag: read.etag,
            waiversEtag: waivers.newEtag,
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
      const waivers = await this.#readWaivers(entity, state, stats);
      if (
        reusable &&
        read.contentHash === state?.contentHash &&
        underPolicy(state, applied) &&
        !mustJudge(state, waivers, now) &&
        !repositoryChanged(state)
      ) {
        // Same text under a new ETag (or back after a refused read): no parse.
        await this.#store.markFresh({
          identity,
          source,
          etag: read.etag,
          waiversEtag: waivers.newEtag,
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
      return await this.#save(
        {
          identity,
          source,
          entity,
          applied,
          etag: read.etag,
          contentHash: read.contentHash,
          plan,
          evaluation: parsed.evaluation,
          spentMs: parsed.elapsedMs,
          waivers,
          reportHash: state?.reportHash,
          planChanged: state?.contentHash !== read.contentHash,
          now,
          publish,
        },
        stats,
        cycle,
      );
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
   * Evaluates a plan (the parse's evaluation, or the stored plan afresh), applies the
   * waivers, and stores the result under its key.
   */
  async #save(
    options: {
      identity: ProjectIdentity;
      source: ResolvedPlanSource;
      entity: Entity;
      applied: AppliedPolicy;
      etag?: string;
      contentHash: string;
      plan: ParsedPlan;
      /** The parse's evaluation; without it, the stored plan is evaluated here. */
      evaluation?: PlanEvaluation;
      spentMs?: number;
      waivers: WaiversRead;
      /** The waiver file stored with the result, when this refresh did not read it. */
      storedWaivers?: WaiverFile;
      /** The project's last repository check, if any: the result is evaluated with it. */
      reportHash?: string;
      /** Whether the plan's text is new: its repository is then checked again. */
      planChanged: boolean;
      now: Date;
      publish: WritePublish;
    },
    stats: RefreshStats,
    cycle?: CycleContext,
  ): Promise<RefreshOutcome> {
    const { identity, source, entity, applied, plan, waivers, now } = options;
    if (!options.evaluation) stats.evaluations++;
    let file = waivers.file;
    if (!file && waivers.key.contentHash !== undefined) {
      file =
        options.storedWaivers ??
        (await this.#store.getProject(identity.entityRef))?.waivers;
    }
    const approvers = file ? await this.#existingApprovers(file, stats) : [];
    const checked = options.reportHash
      ? await this.#store.getRepositoryReport(identity.entityRef)
      : undefined;
    // Only a report of this plan: one computed for another (the plan changed since, and its
    // own check has not stored one yet, or failed) would count removed objects and old
    // lines as drift. The result then has no repository check, until its report is stored.
    const repository =
      checked?.report &&
      checked.reportHash &&
      checked.contentHash === options.contentHash
        ? checked
        : undefined;
    const evaluation = evaluateWithRules({
      plan,
      evaluation: options.evaluation,
      spentMs: options.spentMs,
      policy: applied.policy,
      entity,
      ruleSet: this.#rules,
      ...(repository ? { repository: repository.report } : {}),
      ...(file
        ? {
            waivers: {
              file,
              today: now,
              isAllowedApprover: approvedBy => approvers.includes(approvedBy),
            },
          }
        : {}),
    });
    const result = {
      identity,
      source,
      key: {
        etag: options.etag,
        contentHash: options.contentHash,
        parserVersion: PARSER_VERSION,
        policyHash: resultPolicyHash(applied, evaluation),
        policyName: applied.name,
        waivers: {
          ...waivers.key,
          ...(file
            ? {
                until: waiversHoldUntil(file, {
                  policy: applied.policy,
                  today: now,
                }),
              }
            : {}),
        },
        ...(repository ? { repositoryHash: repository.reportHash } : {}),
      },
      plan,
      evaluation,
      stuckAfterDays: stuckAfterDays(plan.metadata.status, applied.policy),
      ...(file ? { waivers: file } : {}),
      now,
      publish: options.publish,
      ...(this.#notifier?.writeKinds.size
        ? { noticeKinds: this.#notifier.writeKinds }
        : {}),
    };
    let outcome;
    if (cycle) {
      await cycle.writes.admit();
      cycle.release();
      outcome = await cycle.writes.save(result);
    } else {
      outcome = await this.#store.saveResult(result);
    }
    if (outcome === 'written') {
      stats.writes++;
      if (options.planChanged) this.#onPlanChanged?.(entity);
    }
    return outcome;
  }

  /**
   * The approvers the file names that are users or groups of the catalog, in one call.
   * An approver is what the file claims; that it exists is all the backend can check.
   */
  async #existingApprovers(
    file: WaiverFile,
    stats: RefreshStats,
  ): Promise<string[]> {
    const refs = [
      ...new Set(
        file.waivers.flatMap(w => (w.approvedBy ? [w.approvedBy] : [])),
      ),
    ];
    if (refs.length === 0) return [];
    stats.catalogCalls = (stats.catalogCalls ?? 0) + 1;
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: APPROVER_FIELDS },
      { credentials: await this.#auth.getOwnServiceCredentials() },
    );
    return refs.filter((_, index) => {
      const kind = items[index]?.kind.toLocaleLowerCase('en-US');
      return kind === 'user' || kind === 'group';
    });
  }

  /**
   * The entity's waiver file as it is now, read only when it changed. Never throws: a file
   * that cannot be resolved or read is one problem of the file (a `waiver-invalid`
   * finding), which never takes the place of a good plan.
   */
  async #readWaivers(
    entity: Entity,
    state: RefreshState | undefined,
    stats: RefreshStats,
  ): Promise<WaiversRead> {
    const stored = state?.waivers;
    let source;
    try {
      source = await this.#reader.resolveWaiversSource(entity);
    } catch (error) {
      return this.#unreadableWaivers(
        getDataPlanWaiversPath(entity),
        state,
        error,
      );
    }
    const previous = stored?.location === source.location ? stored : undefined;
    try {
      const read = await this.#reader.readWaivers(
        source,
        previous && { etag: previous.etag, contentHash: previous.contentHash },
      );
      if (read.status === 'missing') {
        return {
          key: { location: source.location },
          changed: previous === undefined || previous.contentHash !== undefined,
        };
      }
      if (read.status === 'unchanged') {
        return {
          key: { ...previous!, etag: read.etag ?? previous!.etag },
          changed: false,
        };
      }
      stats.downloads++;
      if (previous && read.contentHash === previous.contentHash) {
        return {
          key: { ...previous, etag: read.etag },
          changed: false,
          ...(read.etag && read.etag !== previous.etag
            ? { newEtag: read.etag }
            : {}),
        };
      }
      stats.parses++;
      return {
        key: {
          location: source.location,
          ...(read.etag ? { etag: read.etag } : {}),
          contentHash: read.contentHash,
        },
        file: await this.#withCommits(source, parseWaiversText(read.text)),
        changed: true,
      };
    } catch (error) {
      return this.#unreadableWaivers(source.location, state, error);
    }
  }

  /** The file with the commit that added each waiver, when a finder is configured. */
  async #withCommits(
    source: ResolvedPlanSource,
    file: WaiverFile,
  ): Promise<WaiverFile> {
    if (!this.#waiverCommits) return file;
    return this.#waiverCommits.withCommits(source, file);
  }

  /** A waiver file that cannot be read: one problem, keyed by the error, so that only a change is judged again. */
  #unreadableWaivers(
    location: string,
    state: RefreshState | undefined,
    error: unknown,
  ): WaiversRead {
    const message = describe(error);
    const hash = contentHash(`unreadable\n${message}`);
    const stored = state?.waivers;
    return {
      key: { location, contentHash: hash },
      file: {
        waivers: [],
        problems: [{ field: '', reason: `cannot be read: ${message}` }],
      },
      changed: stored?.location !== location || stored.contentHash !== hash,
    };
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
