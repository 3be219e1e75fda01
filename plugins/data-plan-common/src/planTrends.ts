/**
 * How the points of a trend are spaced: one per UTC day, or one per week (Monday to
 * Sunday, UTC).
 *
 * @public
 */
export const TREND_INTERVALS = ['day', 'week'] as const;

/**
 * One of {@link TREND_INTERVALS}.
 *
 * @public
 */
export type TrendInterval = (typeof TREND_INTERVALS)[number];

/**
 * The bounds of `GET /plans/trends`.
 *
 * @public
 */
export const PLAN_TREND_LIMITS = {
  /** Days a trend covers, up to today, when no `from` is given. */
  defaultDays: 90,
  /** Most points one trend may have. */
  maxPoints: 400,
} as const;

/**
 * The counts a plan's history and the trends draw over time, each by the summary field
 * (dotted key of `SUMMARY_FIELDS`) whose value each history row keeps.
 *
 * @public
 */
export const HISTORY_METRICS = {
  errors: 'findings.error',
  warnings: 'findings.warning',
  unmitigatedHighRisks: 'risks.unmitigated',
  drift: 'repository.findings',
} as const;

/**
 * A metric of {@link HISTORY_METRICS}.
 *
 * @public
 */
export type HistoryMetric = keyof typeof HISTORY_METRICS;

/**
 * Where a history row comes from: a refresh that read the plan (`live`), or a past
 * version of the plan read from its repository's history (`backfill`). Only live rows are
 * news: a backfilled row records what happened before the portal saw the project.
 *
 * @public
 */
export const HISTORY_SOURCES = ['live', 'backfill'] as const;

/**
 * One of {@link HISTORY_SOURCES}.
 *
 * @public
 */
export type HistorySource = (typeof HISTORY_SOURCES)[number];

/**
 * How far a project's history has been backfilled from its repository: not yet
 * (`pending`, also while a rate limit makes it wait), being read (`running`), read
 * (`done`), not possible for where the plan lives (`unsupported`), or given up after an
 * error (`failed`).
 *
 * @public
 */
export const HISTORY_BACKFILL_STATES = [
  'pending',
  'running',
  'done',
  'unsupported',
  'failed',
] as const;

/**
 * One of {@link HISTORY_BACKFILL_STATES}.
 *
 * @public
 */
export type HistoryBackfillState = (typeof HISTORY_BACKFILL_STATES)[number];
