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
} as const;

/**
 * A metric of {@link HISTORY_METRICS}.
 *
 * @public
 */
export type HistoryMetric = keyof typeof HISTORY_METRICS;
