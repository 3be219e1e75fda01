import {
  HistoryBackfillState,
  HistorySource,
  ListPlansRequest,
  ParsedPlan,
  PlanEvaluation,
  PlanFacetsResponse,
  PlanListFilters,
  PlanNoticeKind,
  PlanRollupResponse,
  RollupDimension,
  PlanSortKey,
  PlanSummary,
  RepositoryReport,
  TrendInterval,
  WaiverFile,
} from '@dataplan/plugin-data-plan-common';
import { StuckProject, WaiverProject } from '../notices/detectDueNotices';
import { PlanNotice } from '../notices/PlanNotice';

/** Which projects the caller may see: all, or exactly these entity refs. */
export type Visibility = 'all' | string[];

/**
 * What a sort's value is, and so what a position in its order holds: `integer` (32-bit),
 * `bigint` (within JavaScript's safe integers), `text`, or `timestamp`.
 */
export type SortValueType = 'integer' | 'bigint' | 'text' | 'timestamp';

/** The type of each sort's value. */
export const PLAN_SORT_VALUE_TYPES: Record<PlanSortKey, SortValueType> = {
  worst: 'bigint',
  name: 'text',
  status: 'integer',
  owner: 'text',
  risk: 'integer',
  refreshed: 'timestamp',
};

/** A sort value as a position carries it. */
export type SortValue = string | number | Date;

/** A row's place in a sorted list: its sort value, then its entity ref. */
export interface ListPosition {
  sortValue: SortValue;
  entityRef: string;
}

/**
 * A list request as the store takes it: a sort the store has (or none), and instead of a
 * cursor, the position the page continues after.
 */
export interface PlanListQuery extends Omit<ListPlansRequest, 'cursor'> {
  after?: ListPosition;
}

/** One page of a list, and the position the next one continues after, if there is one. */
export interface PlanPage {
  items: PlanSummary[];
  next?: ListPosition;
}

/** The catalog facts a project row keeps for listing. */
export interface ProjectIdentity {
  entityRef: string;
  name: string;
  title?: string;
  owner?: string;
  /** The entity's system (`spec.system`), a lower-case entity ref. */
  system?: string;
}

/**
 * One of a project's owner groups: its owner itself (depth 0), or a group above it in the
 * org hierarchy, `depth` parents up; a lower-case entity ref.
 */
export interface OwnerGroup {
  groupRef: string;
  depth: number;
}

/** Where a project's plan is read from. */
export interface PlanSource {
  type: 'url' | 'file';
  /** A URL, or an absolute file path. */
  location: string;
  /** The plan path as the entity gives it (annotation or default). */
  path: string;
}

/**
 * The waiver file a stored result was judged with: where it was read from, and its ETag
 * and content hash (none when there is no file; a hash of the error when it could not be
 * read), and the last day that judgement holds (`YYYY-MM-DD`; none when it holds on).
 */
export interface WaiversKey {
  location: string;
  etag?: string;
  contentHash?: string;
  until?: string;
}

/**
 * What a stored result was computed from. Equal keys mean an equal result: no parse and no
 * write is needed.
 */
export interface ResultKey {
  etag?: string;
  contentHash: string;
  parserVersion: number;
  policyHash: string;
  /** The name of the policy the result was evaluated under: shown, and stored with it. */
  policyName: string;
  /** The waiver file the result was judged with; none for a result stored without one. */
  waivers?: WaiversKey;
  /** The hash of the repository check the result was evaluated with; none before a check. */
  repositoryHash?: string;
}

/**
 * The key of content a read refused as no plan (see `saveError`): while it is unchanged,
 * the error stands and nothing is parsed again.
 */
export interface RejectedKey {
  etag?: string;
  contentHash: string;
  parserVersion: number;
}

/** A project's stored refresh state, as the refresher compares it. */
export interface RefreshState {
  etag?: string;
  contentHash?: string;
  parserVersion?: number;
  policyHash?: string;
  policyName?: string;
  sourceLocation?: string;
  deleted: boolean;
  hasError: boolean;
  lastError?: string;
  rejected?: RejectedKey;
  /** The key of the waiver file the stored result was judged with, if it was. */
  waivers?: WaiversKey;
  /** The repository check the stored result was evaluated with, if one was. */
  repositoryHash?: string;
  /**
   * The project's last repository report, if one read its files for the plan the project
   * has: a new one evaluates it again.
   */
  reportHash?: string;
  /** The identity the row lists the project under. */
  name: string;
  title?: string;
  owner?: string;
  system?: string;
}

/** A stored project with its plan, evaluation and refresh information. */
export interface StoredProject extends ProjectIdentity {
  source?: PlanSource;
  plan?: ParsedPlan;
  evaluation?: PlanEvaluation;
  /** The waiver file the evaluation was judged with, as read. */
  waivers?: WaiverFile;
  /** The name of the policy the evaluation was made under. */
  policyName?: string;
  lastRefreshedAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  deletedAt?: string;
  /** Since when the plan has its current status; its days in it are counted when read. */
  statusSince?: string;
}

/** One history row: the summary of a project whenever its status or summary changed. */
export interface HistoryEntry {
  recordedAt: string;
  status?: string;
  planVersion?: string;
  summary: Record<string, number | null>;
  /** Where the row comes from; `live` unless it was backfilled. */
  source?: HistorySource;
  /** The commit a backfilled row's version of the plan was read from. */
  commit?: string;
}

/** A project whose history may be backfilled now, and where its plan is read from. */
export interface BackfillCandidate {
  entityRef: string;
  source: PlanSource;
}

/** A past version of a project's plan, parsed and evaluated, as a backfill stores it. */
export interface BackfillVersion {
  commit: string;
  committedAt: Date;
  plan: ParsedPlan;
  evaluation: PlanEvaluation;
}

/**
 * How a claimed backfill ended: its versions read (`done`), no history for where the plan
 * lives (`unsupported`), given up after an error (`failed`), or to be tried again from
 * `retryAt` on (`retry`, e.g. after a host's rate limit).
 */
export type BackfillOutcome =
  | {
      state: 'done';
      /** The plan's past versions, in any order. */
      versions: BackfillVersion[];
      /** Versions committed before this are not kept (the history's retention). */
      notBefore?: Date;
    }
  | { state: 'unsupported' | 'failed'; reason: string }
  | { state: 'retry'; reason: string; retryAt: Date };

/** A project's backfill, as the history response says it. */
export interface BackfillStatus {
  state: HistoryBackfillState;
  reason?: string;
  /** When it ended, ISO 8601. */
  at?: string;
}

/** When a claim is taken: now, and the time before which a running claim is stale. */
export interface BackfillClaimTimes {
  now: Date;
  /** A `running` claim made before this is taken over: its replica stopped. */
  staleBefore: Date;
}

/**
 * A history row of one project among many, as the trends read it: its summary holds the
 * counts of HISTORY_COUNT_COLUMNS only.
 */
export interface TrendRow
  extends Pick<HistoryEntry, 'recordedAt' | 'status' | 'summary'> {
  entityRef: string;
}

/** What a trend covers: from its first moment to the first after it, by day or week. */
export interface TrendSpan {
  interval: TrendInterval;
  from: Date;
  until: Date;
}

/**
 * When a write reaches the reused results of the list, facets, export and trends reads: at once,
 * or (`later`) at the next {@link DataPlanStore.publish}, so that a refresh cycle's
 * thousands of writes do not make every read compute its result again. The project's own
 * reads (getProject, history) see every write at once either way.
 */
export type WritePublish = 'now' | 'later';

/** A new result of a project, as {@link DataPlanStore.saveResult} stores it. */
export interface SaveResultOptions {
  identity: ProjectIdentity;
  source: PlanSource;
  key: ResultKey;
  plan: ParsedPlan;
  evaluation: PlanEvaluation;
  /** The days the policy allows the plan's status, if it limits them (`stuckAfterDays`). */
  stuckAfterDays?: number;
  /** The waiver file of `key.waivers`, as read, kept to judge the plan again later. */
  waivers?: WaiverFile;
  now: Date;
  publish?: WritePublish;
  /**
   * The notices to detect against the stored result and record with the write, in its
   * transaction (so each event is recorded once, by the write that sees it). None by default.
   */
  noticeKinds?: ReadonlySet<PlanNoticeKind>;
}

/** A notice of the outbox not sent yet, as the sender reads it. */
export interface PendingNotice extends Omit<PlanNotice, 'key'> {
  id: string;
  /** Failed sends so far. */
  attempts: number;
}

/** A project's last repository check, as the checker compares it before reading. */
export interface RepositoryCheckState {
  checkedAt: Date;
  /** The plan it checked. */
  contentHash?: string;
  /** The listing it read, on a host that gives an ETag (the tree's commit). */
  listingEtag?: string;
  /** The version of the checks its report was computed by: another one checks again. */
  checkVersion?: string;
  /** The hash of its report; none when no check has read the files yet. */
  reportHash?: string;
}

/** A repository check as the checker stores it: a report, or the error that kept it from one. */
export interface RepositoryCheck {
  checkedAt: Date;
  /** The plan a report was computed for: stored with it, and only while the project's. */
  contentHash?: string;
  listingEtag?: string;
  /** The version of the checks that computed a report. */
  checkVersion?: string;
  report?: RepositoryReport;
  error?: string;
  scmCalls: number;
  fileReads: number;
}

/** A project's stored plan and waiver file, what evaluating it again needs. */
export interface StoredPlan {
  /** The content hash of the stored plan's text. */
  contentHash?: string;
  plan?: ParsedPlan;
  waivers?: WaiverFile;
}

/** Persistence of the data-plan backend. */
export interface DataPlanStore {
  /** The refresh state of every stored project, deleted ones included. */
  getRefreshStates(): Promise<Map<string, RefreshState>>;

  /** The refresh state of one project: its row only. */
  getRefreshState(entityRef: string): Promise<RefreshState | undefined>;

  /**
   * Stores a new result unless the stored one has the same key (compare-and-set, so that
   * racing refreshes write once). Records a history row when status or summary changed.
   */
  saveResult(options: SaveResultOptions): Promise<'written' | 'unchanged'>;

  /**
   * Stores results as {@link DataPlanStore.saveResult} does each, in few transactions: a
   * refresh cycle's writes in batches. The outcomes are in the order of `results`.
   */
  saveResults(
    results: SaveResultOptions[],
  ): Promise<Array<'written' | 'unchanged'>>;

  /** Notes a successful refresh that found the stored result still right. */
  markFresh(options: {
    identity: ProjectIdentity;
    source: PlanSource;
    etag?: string;
    /** A new ETag of the unchanged waiver file. */
    waiversEtag?: string;
    now: Date;
    publish?: WritePublish;
  }): Promise<void>;

  /**
   * Records a failed read; the last good plan and its key stay. With `rejected`, the read
   * found content that is no plan, under that key; without it, any such key is forgotten.
   */
  saveError(options: {
    identity: ProjectIdentity;
    source?: PlanSource;
    error: string;
    rejected?: RejectedKey;
    now: Date;
    publish?: WritePublish;
  }): Promise<void>;

  /** Makes every write made with `publish: 'later'` reach the reused results (if any). */
  publish(): Promise<void>;

  /**
   * Makes the stored owner groups of each project in `groups` its list there, and forgets
   * those of every other project. Writes only what changed; returns how many projects'
   * groups did.
   */
  saveOwnerGroups(groups: Map<string, OwnerGroup[]>): Promise<number>;

  /** Soft-deletes every project not in `entityRefs`; history stays. Returns how many. */
  markDeletedExcept(entityRefs: Set<string>, now: Date): Promise<number>;

  getProject(entityRef: string): Promise<StoredProject | undefined>;

  /**
   * The stored plans of these projects (those stored), in one read: what a policy change
   * evaluates again, without the stored evaluations.
   */
  getStoredPlans(entityRefs: string[]): Promise<Map<string, StoredPlan>>;

  /** A project's history rows, oldest first. */
  getHistory(entityRef: string): Promise<HistoryEntry[]>;

  /**
   * The projects whose history may be backfilled now: read at least once, not deleted,
   * never backfilled, not waiting for a retry, or claimed by a backfill that went stale.
   */
  listBackfillCandidates(
    times: BackfillClaimTimes,
  ): Promise<BackfillCandidate[]>;

  /**
   * Claims a project's backfill (compare-and-set on its row): true for exactly one of
   * any number of racing claims, on any replica, while the project is a candidate.
   */
  claimBackfill(entityRef: string, times: BackfillClaimTimes): Promise<boolean>;

  /**
   * Ends the backfill claimed at `claimedAt`. A `done` outcome writes a history row per
   * version whose status or summary differs from the version before it, at the commit's
   * time and with its commit, for versions committed before the project's first live row
   * only and none twice. Returns the rows written, or undefined when the claim was taken
   * over (then nothing is written).
   */
  finishBackfill(
    entityRef: string,
    options: { claimedAt: Date; outcome: BackfillOutcome; now: Date },
  ): Promise<number | undefined>;

  /** A project's backfill state; `pending` for a project never backfilled or unknown. */
  getBackfillStatus(entityRef: string): Promise<BackfillStatus>;

  /**
   * Deletes the history rows recorded before `before`, except each project's newest row,
   * so that trends still know where every project stands. Returns how many.
   */
  pruneHistory(before: Date): Promise<number>;

  /**
   * The history rows of the projects the filters match among the visible ones, recorded
   * before `until`: those from `from` on, and each project's last one before `from` (what
   * it stood at when the range began). By project, then oldest first.
   */
  getTrendRows(
    filters: PlanListFilters,
    visible: Visibility,
    range: { from: Date; until: Date },
  ): Promise<TrendRow[]>;

  /**
   * A trend of the projects the filters match among the visible ones: `compute` over
   * their {@link DataPlanStore.getTrendRows} in the range, reused like the list's pages
   * while no project or history row changes (and for the day). `compute` must depend on
   * the rows and the range only.
   */
  getTrend<T extends object>(
    filters: PlanListFilters,
    visible: Visibility,
    range: TrendSpan,
    compute: (rows: TrendRow[]) => T,
  ): Promise<T>;

  /** One page of the projects the filters match among the visible ones. */
  listPlans(
    query: PlanListQuery,
    visible: Visibility,
  ): Promise<PlanPage & { totalCount: number }>;

  /** Counts over every project the filters match among the visible ones. */
  getFacets(
    filters: PlanListFilters,
    visible: Visibility,
  ): Promise<PlanFacetsResponse>;

  /** The projects the filters match among the visible ones, counted by a dimension. */
  getRollup(
    by: RollupDimension,
    filters: PlanListFilters,
    visible: Visibility,
  ): Promise<PlanRollupResponse>;

  /**
   * The projects stuck at `now` that were not told so since they became stuck or since
   * `toldAfter` (the quiet interval), whichever is later.
   */
  getStuckProjects(options: {
    now: Date;
    toldAfter: Date;
  }): Promise<StuckProject[]>;

  /** The projects with a waiver in force that expires by `dueBy` (`YYYY-MM-DD`), with their judged waivers. */
  getWaiverProjects(options: { dueBy: string }): Promise<WaiverProject[]>;

  /** Writes the notices not written before (unique per project, kind and key); returns how many were new. */
  recordNotices(notices: readonly PlanNotice[], now: Date): Promise<number>;

  /** Notices of `kinds` not sent yet whose next attempt is due and that no live claim holds, oldest first. */
  getPendingNotices(options: {
    now: Date;
    limit: number;
    maxAttempts: number;
    kinds: readonly PlanNoticeKind[];
    entityRef?: string;
  }): Promise<PendingNotice[]>;

  /**
   * Claims a pending notice until `until` (compare-and-set): a token for exactly one of
   * any number of racing claims, on any replica.
   */
  claimNotice(
    id: string,
    times: { now: Date; until: Date; maxAttempts: number },
  ): Promise<string | undefined>;

  /** Marks a claimed notice sent; false when the claim was lost. */
  markNoticeSent(id: string, token: string, now: Date): Promise<boolean>;

  /** Gives a claimed notice back after a failed send: one more attempt, the next from `retryAt`. */
  releaseNotice(id: string, token: string, retryAt: Date): Promise<void>;

  /**
   * Deletes the notices sent before `sentBefore`, and those never sent created before
   * `createdBefore`. Returns how many.
   */
  pruneNotices(options: {
    sentBefore: Date;
    createdBefore: Date;
  }): Promise<number>;

  /** Every project's last repository check, by entity ref; only that project's when one is given. */
  getRepositoryCheckStates(
    entityRef?: string,
  ): Promise<Map<string, RepositoryCheckState>>;

  /**
   * Stores a project's repository check: a report replaces the last one, an error is kept
   * beside it. Returns whether the report changed (its project is then evaluated again).
   */
  saveRepositoryCheck(
    entityRef: string,
    check: RepositoryCheck,
  ): Promise<boolean>;

  /**
   * A project's last report, its hash and the plan it was computed for (`contentHash`), and
   * the error of a later failed check. An unreadable stored report is none.
   */
  getRepositoryReport(entityRef: string): Promise<
    | {
        report?: RepositoryReport;
        reportHash?: string;
        contentHash?: string;
        checkedAt: Date;
        error?: string;
      }
    | undefined
  >;

  /** Every matching project, page by page, in list order: for exports of any size. */
  streamPlans(
    query: PlanListQuery,
    visible: Visibility,
    pageSize?: number,
  ): AsyncGenerator<PlanSummary[]>;
}
