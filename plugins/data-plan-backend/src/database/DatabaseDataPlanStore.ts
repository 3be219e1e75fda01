import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  countBySeverity,
  emptyRiskMatrix,
  PlanEvaluation,
  PlanFacetsResponse,
  PLAN_LIST_LIMITS,
  PlanListFilters,
  PlanRollupResponse,
  NO_STATUS,
  RollupDimension,
  PlanSummary,
  SEVERITIES,
  StatusCountKey,
  SUMMARY_FIELDS,
  WaiverFile,
} from '@dataplan/plugin-data-plan-common';
import { filteredProjects, pageQuery } from './planQueries';
import { topRules, writeFindings } from './planFindings';
import {
  BackfillCandidate,
  BackfillClaimTimes,
  BackfillOutcome,
  BackfillStatus,
  DataPlanStore,
  HistoryEntry,
  OwnerGroup,
  PendingNotice,
  PlanListQuery,
  PlanPage,
  PlanSource,
  ProjectIdentity,
  RefreshState,
  RejectedKey,
  RepositoryCheck,
  RepositoryCheckState,
  SaveResultOptions,
  StoredPlan,
  StoredProject,
  TrendSpan,
  TrendRow,
  Visibility,
  WaiversKey,
  WritePublish,
} from './DataPlanStore';
import { storedText } from './storedText';
import {
  columnOf,
  HISTORY_COUNT_COLUMNS,
  historyCountColumns,
  historySummary,
  PLAN_COLUMNS,
  riskCells,
  SINCE_COLUMNS,
  sinceColumns,
  STUCK_COLUMN,
  stuckColumns,
  summaryOf,
  summaryRow,
  utcDay,
  WORST_SCORE_COLUMNS,
  worstScore,
} from './summaryColumns';
import { PlanReadCache } from './PlanReadCache';
import {
  REPOSITORY_CHECKS,
  repositoryCheckStates,
  repositoryReport,
  saveRepositoryCheck,
} from './repositoryChecks';
import {
  claimNotice,
  insertNotices,
  markNoticeSent,
  pendingNotices,
  pruneNotices,
  releaseNotice,
  stuckProjects,
  waiverProjects,
} from './noticeOutbox';
import { StuckProject, WaiverProject } from '../notices/detectDueNotices';
import {
  detectWriteNotices,
  FINDING_NOTICE_KINDS,
} from '../notices/detectWriteNotices';
import { PlanNotice } from '../notices/PlanNotice';
import {
  backfillCandidates,
  backfillStatus,
  claimBackfill,
  finishBackfill,
} from './historyBackfill';
import { pruneHistory } from './historyRetention';
import { saveOwnerGroups } from './ownerGroups';
import { rollupQuery } from './rollupQuery';
import { advanceGeneration, readGeneration } from './readGeneration';

const PROJECTS = 'data_plan_projects';

function historyEntryOf(row: Record<string, any>): HistoryEntry {
  return {
    recordedAt: iso(row.recorded_at)!,
    ...(row.status ? { status: row.status } : {}),
    ...(row.plan_version ? { planVersion: row.plan_version } : {}),
    summary: JSON.parse(row.summary_json),
    ...(row.source ? { source: row.source } : {}),
    ...(row.commit_sha ? { commit: row.commit_sha } : {}),
  };
}

/** Code-unit order, the same on every database and in every locale. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
const HISTORY = 'data_plan_history';

const migrationsDir = resolvePackagePath(
  '@dataplan/plugin-data-plan-backend',
  'migrations',
);

function iso(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return new Date(value as string | Date).toISOString();
}

/** Longest owner or system stored: the columns are indexed, and any valid entity ref is shorter. */
const MAX_OWNER_LENGTH = 255;
/** Longest read error stored: enough to say what went wrong. */
const MAX_ERROR_LENGTH = 4000;

// Entity fields and plan paths come from catalog-info files: any text, of any length.
function identityColumns(identity: ProjectIdentity) {
  const owner = storedText(identity.owner, MAX_OWNER_LENGTH);
  return {
    name: storedText(identity.name),
    title: storedText(identity.title) ?? null,
    owner: owner ?? null,
    system: storedText(identity.system, MAX_OWNER_LENGTH) ?? null,
    search_text: storedText(
      [identity.entityRef, identity.name, identity.title, owner]
        .filter(Boolean)
        .join(' ')
        .toLowerCase(),
    ),
  };
}

function sourceColumns(source: PlanSource) {
  return {
    source_type: source.type,
    source_location: storedText(source.location),
    plan_path: storedText(source.path),
  };
}

/** What a write reads of the row it locks (with `has_plan`). */
const LOCKED_COLUMNS = [
  'last_error',
  'last_success_at',
  'content_hash',
  'parser_version',
  'policy_hash',
  'policy_name',
  'deleted_at',
  'source_location',
  'waivers_location',
  'waivers_content_hash',
  'waivers_until',
  'repository_hash',
  ...PLAN_COLUMNS,
  ...SINCE_COLUMNS,
];

/**
 * The project's row, locked for this transaction. The row is claimed first: a lock on a
 * row that does not exist yet locks nothing, and two first refreshes of a new project would
 * both insert. The lock serialises racing refreshes of one project on PostgreSQL; SQLite
 * serialises every write transaction anyway.
 */
async function lockProjectRow(
  trx: Knex.Transaction,
  identity: ProjectIdentity,
) {
  await trx(PROJECTS)
    .insert({ entity_ref: identity.entityRef, ...identityColumns(identity) })
    .onConflict('entity_ref')
    .ignore();
  // Not the plan and evaluation texts: a write needs only to know that they are there.
  return trx(PROJECTS)
    .where({ entity_ref: identity.entityRef })
    .first(...LOCKED_COLUMNS, trx.raw('(plan_json IS NOT NULL) AS has_plan'))
    .forUpdate();
}

/** Results written in one transaction at most. */
const MAX_BATCH_WRITES = 200;
/** History rows per insert statement. */
const HISTORY_INSERT_CHUNK = 100;

/**
 * The rows of distinct projects, locked for this transaction, by entity ref; claimed first
 * as {@link lockProjectRow} does. In entity ref order, so that two batches that share
 * projects lock them in the same order and never wait for each other in a circle.
 */
async function lockProjectRows(
  trx: Knex.Transaction,
  identities: ProjectIdentity[],
): Promise<Map<string, Record<string, any>>> {
  const sorted = [...identities].sort((a, b) =>
    compareStrings(a.entityRef, b.entityRef),
  );
  const locked = new Map<string, Record<string, any>>();
  for (let i = 0; i < sorted.length; i += HISTORY_INSERT_CHUNK) {
    const chunk = sorted.slice(i, i + HISTORY_INSERT_CHUNK);
    await trx(PROJECTS)
      .insert(
        chunk.map(identity => ({
          entity_ref: identity.entityRef,
          ...identityColumns(identity),
        })),
      )
      .onConflict('entity_ref')
      .ignore();
    const rows = await trx(PROJECTS)
      .whereIn(
        'entity_ref',
        chunk.map(identity => identity.entityRef),
      )
      .select(
        'entity_ref',
        ...LOCKED_COLUMNS,
        trx.raw('(plan_json IS NOT NULL) AS has_plan'),
      )
      .orderBy('entity_ref')
      .forUpdate();
    for (const row of rows) locked.set(row.entity_ref, row);
  }
  return locked;
}

/** What a result writes over its project's locked row: nothing, the row, and a history row. */
function resultWrite(
  row0: Record<string, any> | undefined,
  options: SaveResultOptions,
): {
  outcome: 'written' | 'unchanged';
  update?: Record<string, unknown>;
  history?: Record<string, unknown>;
} {
  const { identity, source, key, plan, evaluation, waivers, now } = options;
  const existing = row0?.has_plan || row0?.last_error ? row0 : undefined;
  // A refresh that started later has already written: never go back to an older read.
  if (existing?.last_success_at && new Date(existing.last_success_at) > now) {
    return { outcome: 'unchanged' };
  }
  if (
    existing &&
    existing.content_hash === key.contentHash &&
    existing.parser_version === key.parserVersion &&
    existing.policy_hash === key.policyHash &&
    existing.policy_name === key.policyName &&
    sameWaivers(existing, key.waivers) &&
    (existing.repository_hash ?? null) === (key.repositoryHash ?? null) &&
    !existing.last_error &&
    !existing.deleted_at
  ) {
    // The same result; the plan may have moved, or the entity been renamed or re-owned.
    return {
      outcome: 'unchanged',
      update: {
        ...identityColumns(identity),
        ...sourceColumns(source),
        ...(key.etag ? { etag: storedText(key.etag) } : {}),
        ...(key.waivers?.etag
          ? { waivers_etag: storedText(key.waivers.etag) }
          : {}),
      },
    };
  }
  const summary = summaryRow(plan, evaluation);
  const statusSince = columnOf('daysInStatus');
  const since = sinceColumns(
    existing?.has_plan ? existing : undefined,
    summary,
    now,
  );
  const update = {
    ...identityColumns(identity),
    ...sourceColumns(source),
    etag: storedText(key.etag) ?? null,
    content_hash: key.contentHash,
    parser_version: key.parserVersion,
    policy_hash: key.policyHash,
    policy_name: storedText(key.policyName),
    plan_json: JSON.stringify(plan),
    evaluation_json: JSON.stringify(evaluation),
    ...waiversColumns(key.waivers, waivers),
    repository_hash: key.repositoryHash ?? null,
    ...summary,
    ...since,
    ...stuckColumns(
      since[statusSince] ?? existing?.[statusSince],
      options.stuckAfterDays,
    ),
    worst_score: worstScore(summary, false),
    last_refreshed_at: now,
    last_success_at: now,
    last_error: null,
    ...rejectedColumns(undefined),
    deleted_at: null,
  };
  // A history row whenever status or summary moved: that is what trends are drawn from.
  const previous =
    existing?.has_plan &&
    JSON.stringify(
      Object.keys(summary).map(column => existing[column] ?? null),
    );
  const changed = previous !== JSON.stringify(Object.values(summary));
  return {
    outcome: 'written',
    update,
    ...(changed
      ? {
          history: {
            entity_ref: identity.entityRef,
            recorded_at: now,
            status: summary[columnOf('status')],
            plan_version: summary[columnOf('planVersion')],
            summary_json: historySummary(summary),
            ...historyCountColumns(summary),
          },
        }
      : {}),
  };
}

/** What {@link refreshStateOf} reads. */
const REFRESH_STATE_COLUMNS = [
  'entity_ref',
  'etag',
  'content_hash',
  'parser_version',
  'policy_hash',
  'policy_name',
  'source_location',
  'deleted_at',
  'last_error',
  'rejected_etag',
  'rejected_content_hash',
  'rejected_parser_version',
  'waivers_location',
  'waivers_etag',
  'waivers_content_hash',
  'waivers_until',
  'repository_hash',
  'name',
  'title',
  'owner',
  'system',
];

function refreshStateOf(row: Record<string, any>): RefreshState {
  return {
    etag: row.etag ?? undefined,
    contentHash: row.content_hash ?? undefined,
    parserVersion: row.parser_version ?? undefined,
    policyHash: row.policy_hash ?? undefined,
    policyName: row.policy_name ?? undefined,
    sourceLocation: row.source_location ?? undefined,
    deleted: row.deleted_at !== null && row.deleted_at !== undefined,
    hasError: !!row.last_error,
    ...(row.last_error ? { lastError: row.last_error } : {}),
    ...(row.rejected_content_hash
      ? {
          rejected: {
            ...(row.rejected_etag ? { etag: row.rejected_etag } : {}),
            contentHash: row.rejected_content_hash,
            parserVersion: row.rejected_parser_version,
          },
        }
      : {}),
    ...(row.waivers_location
      ? {
          waivers: {
            location: row.waivers_location,
            ...(row.waivers_etag ? { etag: row.waivers_etag } : {}),
            ...(row.waivers_content_hash
              ? { contentHash: row.waivers_content_hash }
              : {}),
            ...(row.waivers_until ? { until: row.waivers_until } : {}),
          },
        }
      : {}),
    ...(row.repository_hash ? { repositoryHash: row.repository_hash } : {}),
    name: row.name,
    ...(row.title ? { title: row.title } : {}),
    ...(row.owner ? { owner: row.owner } : {}),
    ...(row.system ? { system: row.system } : {}),
  };
}

/** A row's rejected key, as `saveError` sets it and every other write clears it. */
function rejectedColumns(rejected?: RejectedKey) {
  return {
    rejected_etag: storedText(rejected?.etag) ?? null,
    rejected_content_hash: rejected?.contentHash ?? null,
    rejected_parser_version: rejected?.parserVersion ?? null,
  };
}

/** The columns of a result's waivers key. */
function waiversColumns(key?: WaiversKey, file?: WaiverFile) {
  return {
    waivers_location: storedText(key?.location) ?? null,
    waivers_etag: storedText(key?.etag) ?? null,
    waivers_content_hash: key?.contentHash ?? null,
    waivers_json: file ? JSON.stringify(file) : null,
    waivers_until: key?.until ?? null,
  };
}

/** Whether a stored row was judged with the waivers of `key`. */
function sameWaivers(row: Record<string, any>, key?: WaiversKey): boolean {
  return (
    (row.waivers_location ?? null) === (storedText(key?.location) ?? null) &&
    (row.waivers_content_hash ?? null) === (key?.contentHash ?? null) &&
    (row.waivers_until ?? null) === (key?.until ?? null)
  );
}

/**
 * Whether a locked row holds a result judged as the new one is (same parser, same policy):
 * only then does the new one tell what changed. A first result, or a re-evaluation under
 * another policy or parser, tells nothing.
 */
function judgedAlike(
  row: Record<string, any> | undefined,
  key: SaveResultOptions['key'],
): row is Record<string, any> {
  return (
    !!row?.has_plan &&
    // Deleted and back: perhaps another team's project under the same ref.
    !row.deleted_at &&
    row.parser_version === key.parserVersion &&
    basePolicyHash(row.policy_hash) === basePolicyHash(key.policyHash) &&
    row.policy_name === key.policyName
  );
}

/**
 * A result's policy hash without the mark of rules over their budget, which depends on the
 * machine's load rather than on the plan or the policy.
 */
function basePolicyHash(hash: string | null | undefined): string | undefined {
  if (!hash) return undefined;
  const mark = hash.indexOf(':');
  return mark === -1 ? hash : hash.slice(0, mark);
}

/** Whether a result's custom rules ran over their budget (its hash says so). */
function overBudget(hash: string | null | undefined): boolean {
  return !!hash && hash.includes(':');
}

/**
 * The stored evaluations of the results that are written, are judged alike and ask for
 * the notices that compare findings: in one read.
 */
async function previousEvaluations(
  trx: Knex.Transaction,
  results: SaveResultOptions[],
  writes: Array<{ outcome: 'written' | 'unchanged' }>,
  locked: Map<string, Record<string, any>>,
): Promise<Map<string, PlanEvaluation>> {
  const refs = results.flatMap((options, index) =>
    writes[index].outcome === 'written' &&
    FINDING_NOTICE_KINDS.some(kind => options.noticeKinds?.has(kind)) &&
    judgedAlike(locked.get(options.identity.entityRef), options.key)
      ? [options.identity.entityRef]
      : [],
  );
  const evaluations = new Map<string, PlanEvaluation>();
  for (let i = 0; i < refs.length; i += HISTORY_INSERT_CHUNK) {
    const rows = await trx(PROJECTS)
      .whereIn('entity_ref', refs.slice(i, i + HISTORY_INSERT_CHUNK))
      .select('entity_ref', 'evaluation_json');
    for (const row of rows) {
      try {
        evaluations.set(row.entity_ref, JSON.parse(row.evaluation_json));
      } catch {
        // Not this plugin's JSON: nothing to compare with, so nothing is told.
      }
    }
  }
  return evaluations;
}

/** The notices a written result tells against the locked row it replaces. */
function writeNotices(
  row: Record<string, any> | undefined,
  options: SaveResultOptions,
  previousEvaluation: PlanEvaluation | undefined,
): PlanNotice[] {
  const status = columnOf('status');
  const { identity } = options;
  return detectWriteNotices(
    {
      project: identity,
      // A status is the plan's, whatever it was judged under; findings only compare alike.
      ...(row?.has_plan && !row.deleted_at
        ? {
            previous: {
              ...(row[status] ? { status: row[status] } : {}),
              ...(judgedAlike(row, options.key)
                ? {
                    judgedAlike: true,
                    ...(previousEvaluation
                      ? { evaluation: previousEvaluation }
                      : {}),
                  }
                : {}),
              rulesOverBudget: overBudget(row.policy_hash),
            },
          }
        : {}),
      contentChanged: row?.content_hash !== options.key.contentHash,
      ...(options.plan.metadata.status
        ? { status: storedText(options.plan.metadata.status) }
        : {}),
      evaluation: options.evaluation,
      rulesOverBudget: overBudget(options.key.policyHash),
      now: options.now,
    },
    options.noticeKinds!,
  );
}

/** {@link DataPlanStore} on the plugin's database: SQLite, PostgreSQL or MySQL through knex. */
export class DatabaseDataPlanStore implements DataPlanStore {
  static async create(options: {
    database: DatabaseService;
    /** The time summaries count days up to; the system clock unless a test sets one. */
    now?: () => Date;
  }): Promise<DatabaseDataPlanStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseDataPlanStore(client, options.now ?? (() => new Date()));
  }

  readonly #reads = PlanReadCache.create();
  /** Whether a write made with `publish: 'later'` waits for publish(). */
  #unpublished = false;

  private constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
  ) {}

  async getRefreshStates(): Promise<Map<string, RefreshState>> {
    const rows = await this.db(PROJECTS).select(...REFRESH_STATE_COLUMNS);
    const states = new Map(
      rows.map(row => [row.entity_ref, refreshStateOf(row)]),
    );
    // The checks' report hashes, in one more read: a new report of the project's plan
    // evaluates its project again (a report of another plan is not merged).
    for (const [entityRef, check] of await repositoryCheckStates(this.db)) {
      const state = states.get(entityRef);
      if (
        state &&
        check.reportHash &&
        check.contentHash === state.contentHash
      ) {
        state.reportHash = check.reportHash;
      }
    }
    return states;
  }

  async getRefreshState(entityRef: string): Promise<RefreshState | undefined> {
    const row = await this.db(PROJECTS)
      .where({ entity_ref: entityRef })
      .first(...REFRESH_STATE_COLUMNS);
    if (!row) return undefined;
    const state = refreshStateOf(row);
    const check = await this.db(REPOSITORY_CHECKS)
      .where({ entity_ref: entityRef })
      .first('report_hash', 'content_hash');
    if (check?.report_hash && check.content_hash === state.contentHash) {
      state.reportHash = check.report_hash;
    }
    return state;
  }

  async saveResult(
    options: SaveResultOptions,
  ): Promise<'written' | 'unchanged'> {
    const [outcome] = await this.saveResults([options]);
    return outcome;
  }

  async saveResults(
    results: SaveResultOptions[],
  ): Promise<Array<'written' | 'unchanged'>> {
    const outcomes: Array<'written' | 'unchanged'> = [];
    // A project's results in turn: one transaction holds each project once.
    for (let first = 0; first < results.length; ) {
      const refs = new Set<string>();
      let next = first;
      while (
        next < results.length &&
        next - first < MAX_BATCH_WRITES &&
        !refs.has(results[next].identity.entityRef)
      ) {
        refs.add(results[next++].identity.entityRef);
      }
      outcomes.push(...(await this.#saveBatch(results.slice(first, next))));
      first = next;
    }
    return outcomes;
  }

  /** Results of distinct projects, in one transaction, with the notices they tell. */
  async #saveBatch(
    results: SaveResultOptions[],
  ): Promise<Array<'written' | 'unchanged'>> {
    return this.db.transaction(async trx => {
      const locked = await lockProjectRows(
        trx,
        results.map(r => r.identity),
      );
      const writes = results.map(options =>
        resultWrite(locked.get(options.identity.entityRef), options),
      );
      // Read before the writes replace them: the evaluations new findings are told against.
      const previous = await previousEvaluations(trx, results, writes, locked);
      const outcomes: Array<'written' | 'unchanged'> = [];
      const history: Array<Record<string, unknown>> = [];
      const notices: PlanNotice[] = [];
      let publishNow = false;
      let publishLater = false;
      results.forEach((options, index) => {
        const write = writes[index];
        outcomes.push(write.outcome);
        if (write.outcome === 'written' && options.noticeKinds?.size) {
          notices.push(
            ...writeNotices(
              locked.get(options.identity.entityRef),
              options,
              previous.get(options.identity.entityRef),
            ),
          );
        }
      });
      for (let index = 0; index < results.length; index++) {
        const options = results[index];
        const write = writes[index];
        if (!write.update) continue;
        await trx(PROJECTS)
          .where({ entity_ref: options.identity.entityRef })
          .update(write.update);
        if (write.outcome === 'written') {
          await writeFindings(
            trx,
            options.identity.entityRef,
            options.evaluation,
          );
        }
        if (write.history) history.push(write.history);
        if (options.publish === 'later') publishLater = true;
        else publishNow = true;
      }
      for (let i = 0; i < history.length; i += HISTORY_INSERT_CHUNK) {
        await trx(HISTORY).insert(history.slice(i, i + HISTORY_INSERT_CHUNK));
      }
      if (notices.length > 0) {
        await insertNotices(trx, notices, results[0].now);
      }
      if (publishNow) await this.#advanceGeneration(trx, 'now');
      else if (publishLater) await this.#advanceGeneration(trx, 'later');
      return outcomes;
    });
  }

  async markFresh(
    options: Parameters<DataPlanStore['markFresh']>[0],
  ): Promise<void> {
    const { identity, source, etag, waiversEtag, now, publish } = options;
    const existing = await this.db(PROJECTS)
      .where({ entity_ref: identity.entityRef })
      .first(...WORST_SCORE_COLUMNS);
    await this.db(PROJECTS)
      .where({ entity_ref: identity.entityRef })
      .update({
        ...identityColumns(identity),
        ...sourceColumns(source),
        ...(etag ? { etag: storedText(etag) } : {}),
        ...(waiversEtag ? { waivers_etag: storedText(waiversEtag) } : {}),
        last_refreshed_at: now,
        last_success_at: now,
        last_error: null,
        ...rejectedColumns(undefined),
        deleted_at: null,
        ...(existing ? { worst_score: worstScore(existing, false) } : {}),
      });
    await this.#advanceGeneration(this.db, publish);
  }

  async saveError(
    options: Parameters<DataPlanStore['saveError']>[0],
  ): Promise<void> {
    const { identity, source, error, rejected, now, publish } = options;
    await this.db.transaction(async trx => {
      const existing = await lockProjectRow(trx, identity);
      // The stored key belongs to the location it was read from: kept beside a new
      // location, it would be sent as that one's ETag and could answer "unchanged".
      const moved =
        source !== undefined &&
        existing?.source_location !== storedText(source.location);
      const row = {
        ...identityColumns(identity),
        ...(source ? sourceColumns(source) : {}),
        ...(moved ? { etag: null, content_hash: null } : {}),
        last_refreshed_at: now,
        last_error: storedText(error, MAX_ERROR_LENGTH),
        ...rejectedColumns(rejected),
        deleted_at: null,
        worst_score: worstScore(existing ?? {}, true),
      };
      await trx(PROJECTS).where({ entity_ref: identity.entityRef }).update(row);
      await this.#advanceGeneration(trx, publish);
    });
  }

  async publish(): Promise<void> {
    if (!this.#unpublished) return;
    this.#unpublished = false;
    try {
      await advanceGeneration(this.db);
    } catch (error) {
      this.#unpublished = true;
      throw error;
    }
  }

  /** Advances the generation for a write now, or leaves it to the next publish(). */
  async #advanceGeneration(
    db: Knex | Knex.Transaction,
    publish: WritePublish | undefined,
  ) {
    if (publish === 'later') this.#unpublished = true;
    else await advanceGeneration(db);
  }

  async saveOwnerGroups(groups: Map<string, OwnerGroup[]>): Promise<number> {
    const changed = await saveOwnerGroups(this.db, groups);
    if (changed) await advanceGeneration(this.db);
    return changed;
  }

  async markDeletedExcept(entityRefs: Set<string>, now: Date): Promise<number> {
    const live = await this.db(PROJECTS)
      .whereNull('deleted_at')
      .select('entity_ref');
    const gone = live
      .map(row => row.entity_ref as string)
      .filter(ref => !entityRefs.has(ref));
    for (let i = 0; i < gone.length; i += 500) {
      await this.db(PROJECTS)
        .whereIn('entity_ref', gone.slice(i, i + 500))
        .update({ deleted_at: now });
    }
    if (gone.length) await advanceGeneration(this.db);
    return gone.length;
  }

  async getProject(entityRef: string): Promise<StoredProject | undefined> {
    const row = await this.db(PROJECTS)
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    return {
      entityRef: row.entity_ref,
      name: row.name,
      ...(row.title ? { title: row.title } : {}),
      ...(row.owner ? { owner: row.owner } : {}),
      ...(row.system ? { system: row.system } : {}),
      ...(row.source_type
        ? {
            source: {
              type: row.source_type,
              location: row.source_location,
              path: row.plan_path,
            },
          }
        : {}),
      ...(row.plan_json ? { plan: JSON.parse(row.plan_json) } : {}),
      ...(row.evaluation_json
        ? { evaluation: JSON.parse(row.evaluation_json) }
        : {}),
      ...(row.waivers_json ? { waivers: JSON.parse(row.waivers_json) } : {}),
      ...(row.policy_name ? { policyName: row.policy_name } : {}),
      ...(row.last_refreshed_at
        ? { lastRefreshedAt: iso(row.last_refreshed_at) }
        : {}),
      ...(row.last_success_at
        ? { lastSuccessAt: iso(row.last_success_at) }
        : {}),
      ...(row.last_error ? { lastError: row.last_error } : {}),
      ...(row.deleted_at ? { deletedAt: iso(row.deleted_at) } : {}),
      ...(row.status_since ? { statusSince: iso(row.status_since) } : {}),
    };
  }

  async getStoredPlans(entityRefs: string[]): Promise<Map<string, StoredPlan>> {
    const plans = new Map<string, StoredPlan>();
    for (let i = 0; i < entityRefs.length; i += MAX_BATCH_WRITES) {
      const rows = await this.db(PROJECTS)
        .whereIn('entity_ref', entityRefs.slice(i, i + MAX_BATCH_WRITES))
        .select('entity_ref', 'content_hash', 'plan_json', 'waivers_json');
      for (const row of rows) {
        plans.set(row.entity_ref, {
          ...(row.content_hash ? { contentHash: row.content_hash } : {}),
          ...(row.plan_json ? { plan: JSON.parse(row.plan_json) } : {}),
          ...(row.waivers_json
            ? { waivers: JSON.parse(row.waivers_json) }
            : {}),
        });
      }
    }
    return plans;
  }

  async getHistory(entityRef: string): Promise<HistoryEntry[]> {
    const rows = await this.db(HISTORY)
      .where({ entity_ref: entityRef })
      .orderBy([{ column: 'recorded_at' }, { column: 'id' }]);
    return rows.map(historyEntryOf);
  }

  listBackfillCandidates(
    times: BackfillClaimTimes,
  ): Promise<BackfillCandidate[]> {
    return backfillCandidates(this.db, times);
  }

  claimBackfill(
    entityRef: string,
    times: BackfillClaimTimes,
  ): Promise<boolean> {
    return claimBackfill(this.db, entityRef, times);
  }

  finishBackfill(
    entityRef: string,
    options: { claimedAt: Date; outcome: BackfillOutcome; now: Date },
  ): Promise<number | undefined> {
    return finishBackfill(this.db, entityRef, options);
  }

  getBackfillStatus(entityRef: string): Promise<BackfillStatus> {
    return backfillStatus(this.db, entityRef);
  }

  pruneHistory(before: Date): Promise<number> {
    return pruneHistory(this.db, before);
  }

  async getTrendRows(
    filters: PlanListFilters,
    visible: Visibility,
    range: { from: Date; until: Date },
  ): Promise<TrendRow[]> {
    const matching = filteredProjects(
      this.db,
      filters,
      visible,
      this.now(),
    ).select('entity_ref');
    const counts = Object.values(HISTORY_COUNT_COLUMNS);
    // Each row with the time of the project's next one: a row before the range is kept
    // when no other row before the range comes after it (what the project stood at on
    // the first day). One ordered pass per project, not a look-up per row.
    const timed = this.db(HISTORY)
      .select(
        'entity_ref',
        'recorded_at',
        'id',
        'status',
        ...counts,
        // A row an older replica wrote during a rolling upgrade has no count columns:
        // its summary_json, and only then, holds them.
        this.db.raw('CASE WHEN ?? IS NULL THEN ?? END AS legacy_summary', [
          counts[0],
          'summary_json',
        ]),
        this.db.raw(
          'LEAD(recorded_at) OVER (PARTITION BY entity_ref ORDER BY recorded_at, id) AS next_at',
        ),
      )
      .whereIn('entity_ref', matching)
      .where('recorded_at', '<', range.until)
      .as('h');
    const rows = await this.db
      .from(timed)
      .select(
        'entity_ref',
        'recorded_at',
        'status',
        ...counts,
        'legacy_summary',
      )
      .where(q =>
        q
          .where('recorded_at', '>=', range.from)
          .orWhereNull('next_at')
          .orWhere('next_at', '>=', range.from),
      )
      .orderBy([
        { column: 'entity_ref' },
        { column: 'recorded_at' },
        { column: 'id' },
      ]);
    return rows.map(row => {
      const legacy = row.legacy_summary
        ? (JSON.parse(row.legacy_summary) as Record<string, unknown>)
        : row;
      return {
        entityRef: row.entity_ref,
        recordedAt: iso(row.recorded_at)!,
        ...(row.status ? { status: row.status } : {}),
        summary: Object.fromEntries(
          counts.map(column => [column, legacy[column] ?? null]),
        ),
      };
    });
  }

  async getTrend<T extends object>(
    filters: PlanListFilters,
    visible: Visibility,
    range: TrendSpan,
    compute: (rows: TrendRow[]) => T,
  ): Promise<T> {
    const generation = await readGeneration(this.db);
    const today = this.now();
    return this.#reads.read(
      this.#reads.key('trends', generation, visible, {
        ...filters,
        interval: range.interval,
        from: range.from.toISOString(),
        until: range.until.toISOString(),
        day: utcDay(today),
      }),
      async () => compute(await this.getTrendRows(filters, visible, range)),
    );
  }

  // The reads below are reused while the data generation stays: it is read first, so that a
  // result is never older than the generation it is kept under.

  async listPlans(
    request: PlanListQuery,
    visible: Visibility,
  ): Promise<PlanPage & { totalCount: number }> {
    const generation = await readGeneration(this.db);
    // Summaries count days up to today: a result is kept for the day it was computed on.
    const today = this.now();
    return this.#reads.read(
      this.#reads.key('list', generation, visible, {
        ...request,
        day: utcDay(today),
      }),
      () => this.#listPlans(request, visible, today),
    );
  }

  async #listPlans(
    request: PlanListQuery,
    visible: Visibility,
    today: Date,
  ): Promise<PlanPage & { totalCount: number }> {
    const limit = request.limit ?? PLAN_LIST_LIMITS.defaultPageSize;
    const rows = await pageQuery(this.db, request, visible, limit, {
      today,
      withTotal: true,
    });
    let totalCount = rows.length ? Number(rows[0].total_count) : 0;
    if (!rows.length && request.after) {
      // Past the last row: the page says nothing about the total, so count.
      const [{ count }] = await filteredProjects(
        this.db,
        request,
        visible,
        today,
      ).count({ count: '*' });
      totalCount = Number(count);
    }
    return { ...this.#pageOf(rows, limit, today), totalCount };
  }

  async #page(
    request: PlanListQuery,
    visible: Visibility,
    limit: number,
    today: Date,
  ) {
    return this.#pageOf(
      await pageQuery(this.db, request, visible, limit, { today }),
      limit,
      today,
    );
  }

  #pageOf(
    rows: Array<Record<string, any>>,
    limit: number,
    today: Date,
  ): PlanPage {
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(row => summaryOf(row, today)),
      ...(rows.length > limit && last
        ? { next: { sortValue: last.sort_value, entityRef: last.entity_ref } }
        : {}),
    };
  }

  async getFacets(
    filters: PlanListFilters,
    visible: Visibility,
  ): Promise<PlanFacetsResponse> {
    const generation = await readGeneration(this.db);
    // Plans become stuck at the start of a day: a result is kept for the day.
    const today = this.now();
    return this.#reads.read(
      this.#reads.key('facets', generation, visible, {
        ...filters,
        day: utcDay(today),
      }),
      () => this.#getFacets(filters, visible, today),
    );
  }

  async #getFacets(
    filters: PlanListFilters,
    visible: Visibility,
    today: Date,
  ): Promise<PlanFacetsResponse> {
    const owner = columnOf('owner');
    const status = columnOf('status');
    const errors = columnOf('findings.error');
    // The sums the facets add up, by the field they count.
    const findings = SEVERITIES.map(severity => ({
      severity,
      column: columnOf(`findings.${severity}`),
    }));
    const cells = riskCells(SUMMARY_FIELDS.riskMatrix);
    const unmitigated = columnOf('risks.unmitigated');
    const waived = columnOf('findings.waived');
    const drift = columnOf('repository.findings');
    // One pass over the matching rows, grouped by owner and status; the facets are sums of
    // these groups (a few dozen rows however many projects match).
    const groups: Array<Record<string, any>> = await filteredProjects(
      this.db,
      filters,
      visible,
      today,
    )
      .select({ owner, status })
      .count({ count: '*' })
      .sum(
        Object.fromEntries(
          [...findings, ...cells, { column: unmitigated }].map(({ column }) => [
            column,
            column,
          ]),
        ),
      )
      .select(
        this.db.raw('SUM(CASE WHEN ?? > 0 THEN 1 ELSE 0 END) AS with_errors', [
          errors,
        ]),
        this.db.raw('SUM(CASE WHEN ?? <= ? THEN 1 ELSE 0 END) AS stuck', [
          STUCK_COLUMN,
          today,
        ]),
        this.db.raw('SUM(CASE WHEN ?? > 0 THEN 1 ELSE 0 END) AS waived', [
          waived,
        ]),
        this.db.raw('SUM(CASE WHEN ?? > 0 THEN 1 ELSE 0 END) AS drifted', [
          drift,
        ]),
      )
      .groupBy(owner, status);

    const number = (value: unknown) => Number(value ?? 0);
    const facets: PlanFacetsResponse = {
      totalCount: 0,
      byStatus: {},
      riskMatrix: emptyRiskMatrix(),
      byOwner: [],
      findings: countBySeverity(),
      stuck: 0,
      waived: 0,
      drifted: 0,
      rules: await topRules(
        this.db,
        filteredProjects(this.db, filters, visible, today).select('entity_ref'),
        PLAN_LIST_LIMITS.topRules,
      ),
    };
    const owners = new Map<string, PlanFacetsResponse['byOwner'][number]>();
    for (const group of groups) {
      const count = number(group.count);
      facets.totalCount += count;
      facets.stuck += number(group.stuck);
      facets.waived += number(group.waived);
      facets.drifted += number(group.drifted);
      const groupStatus = (group.status ?? NO_STATUS) as StatusCountKey;
      facets.byStatus[groupStatus] =
        (facets.byStatus[groupStatus] ?? 0) + count;
      for (const { probability, impact, column } of cells) {
        facets.riskMatrix[probability][impact] += number(group[column]);
      }
      for (const { severity, column } of findings) {
        facets.findings[severity] += number(group[column]);
      }
      const ownerRef = group.owner ?? '';
      const ownerFacet = owners.get(ownerRef) ?? {
        owner: ownerRef,
        count: 0,
        errors: 0,
        unmitigatedHighRisks: 0,
      };
      ownerFacet.count += count;
      ownerFacet.errors += number(group.with_errors);
      ownerFacet.unmitigatedHighRisks += number(group[unmitigated]);
      owners.set(ownerRef, ownerFacet);
    }
    facets.byOwner = [...owners.values()].sort((a, b) =>
      compareStrings(a.owner, b.owner),
    );
    return facets;
  }

  async getRollup(
    by: RollupDimension,
    filters: PlanListFilters,
    visible: Visibility,
  ): Promise<PlanRollupResponse> {
    const generation = await readGeneration(this.db);
    // Plans become stuck at the start of a day: a result is kept for the day.
    const today = this.now();
    return this.#reads.read(
      this.#reads.key('rollup', generation, visible, {
        ...filters,
        by,
        day: utcDay(today),
      }),
      () => rollupQuery(this.db, by, filters, visible, today),
    );
  }

  getStuckProjects(options: {
    now: Date;
    toldAfter: Date;
  }): Promise<StuckProject[]> {
    return stuckProjects(this.db, options);
  }

  getWaiverProjects(options: { dueBy: string }): Promise<WaiverProject[]> {
    return waiverProjects(this.db, options);
  }

  recordNotices(notices: readonly PlanNotice[], now: Date): Promise<number> {
    return insertNotices(this.db, notices, now);
  }

  getPendingNotices(
    options: Parameters<DataPlanStore['getPendingNotices']>[0],
  ): Promise<PendingNotice[]> {
    return pendingNotices(this.db, options);
  }

  claimNotice(
    id: string,
    times: { now: Date; until: Date; maxAttempts: number },
  ): Promise<string | undefined> {
    return claimNotice(this.db, id, times);
  }

  markNoticeSent(id: string, token: string, now: Date): Promise<boolean> {
    return markNoticeSent(this.db, id, token, now);
  }

  releaseNotice(id: string, token: string, retryAt: Date): Promise<void> {
    return releaseNotice(this.db, id, token, retryAt);
  }

  pruneNotices(options: {
    sentBefore: Date;
    createdBefore: Date;
  }): Promise<number> {
    return pruneNotices(this.db, options);
  }

  getRepositoryCheckStates(
    entityRef?: string,
  ): Promise<Map<string, RepositoryCheckState>> {
    return repositoryCheckStates(this.db, entityRef);
  }

  saveRepositoryCheck(
    entityRef: string,
    check: RepositoryCheck,
  ): Promise<boolean> {
    return saveRepositoryCheck(this.db, entityRef, check);
  }

  getRepositoryReport(entityRef: string) {
    return repositoryReport(this.db, entityRef);
  }

  async *streamPlans(
    request: PlanListQuery,
    visible: Visibility,
    pageSize = 1000,
  ): AsyncGenerator<PlanSummary[]> {
    const generation = await readGeneration(this.db);
    const today = this.now();
    const key = this.#reads.key('export', generation, visible, {
      ...request,
      pageSize,
      day: utcDay(today),
    });
    const cached = this.#reads.get<PlanSummary[][]>(key);
    if (cached) {
      yield* cached;
      return;
    }
    // Kept for the next export while it fits the cache; a larger one is only streamed.
    let kept: PlanSummary[][] | undefined = [];
    let keptBytes = 0;
    let after = request.after;
    do {
      // Pages without the total: the export needs rows, not counts.
      const page = await this.#page(
        { ...request, after },
        visible,
        pageSize,
        today,
      );
      if (page.items.length) {
        if (kept) {
          keptBytes += JSON.stringify(page.items).length;
          if (keptBytes <= this.#reads.maxEntryBytes) kept.push(page.items);
          else kept = undefined;
        }
        yield page.items;
      }
      after = page.next;
    } while (after);
    // Only a complete export: a consumer that stops early never gets here.
    if (kept) this.#reads.set(key, kept, Math.max(1, keptBytes));
  }
}
