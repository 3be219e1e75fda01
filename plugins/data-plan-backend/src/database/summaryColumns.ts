import {
  daysBetween,
  emptyRiskMatrix,
  HISTORY_METRICS,
  HistoryMetric,
  Level,
  LEVELS,
  ParsedPlan,
  PlanEvaluation,
  PlanSummary,
  RiskMatrix,
  SUMMARY_FIELD_ENTRIES,
  SummaryField,
  SummaryFieldEntry,
  summaryFieldEntry,
  stuckFrom,
} from '@dataplan/plugin-data-plan-common';
import { storedText } from './storedText';

/*
 * How the summary fields of data-plan-common are stored: each in its column of the
 * projects table (a risk matrix in one column per cell), written from a new result and
 * read back into the list response.
 */

/** A project row's summary columns, as written or read. */
export type SummaryRow = Record<string, unknown>;

/** The column of a field by its dotted key, e.g. `findings.error`. */
export function columnOf(key: string): string {
  return summaryFieldEntry(key).field.column;
}

/** The cells of a risk-matrix field, each with its column. */
export function riskCells(
  field: SummaryField,
): Array<{ probability: Level; impact: Level; column: string }> {
  return LEVELS.flatMap(probability =>
    LEVELS.map(impact => ({
      probability,
      impact,
      column: `${field.column}_${probability}_${impact}`,
    })),
  );
}

/** A field's columns: its own, or one per cell of a risk matrix. */
export function columnsOf(field: SummaryField): string[] {
  return field.type === 'riskMatrix'
    ? riskCells(field).map(cell => cell.column)
    : [field.column];
}

const PLAN_FIELDS = SUMMARY_FIELD_ENTRIES.filter(
  e => e.field.source.kind === 'plan',
);
const SINCE_FIELDS = SUMMARY_FIELD_ENTRIES.filter(
  e => e.field.source.kind === 'daysSince',
);
const LISTED_FIELDS = SUMMARY_FIELD_ENTRIES.filter(e => e.field.listed);

/** The columns a new result writes from its plan and evaluation, in table order. */
export const PLAN_COLUMNS: readonly string[] = PLAN_FIELDS.flatMap(e =>
  columnsOf(e.field),
);

/** The column of when a plan counts as stuck, which the list filters and counts by. */
export const STUCK_COLUMN = columnOf('stuckSince');

/**
 * When a new result counts as stuck: from the time its status began (`since`) and the
 * days its policy allows the status; null without a limit.
 */
export function stuckColumns(
  since: unknown,
  limit: number | undefined,
): SummaryRow {
  return {
    [STUCK_COLUMN]:
      limit === undefined || since === null || since === undefined
        ? null
        : stuckFrom(timeOf(since), limit),
  };
}

/** The columns holding when a field last changed, which a new result may move. */
export const SINCE_COLUMNS: readonly string[] = SINCE_FIELDS.map(
  e => e.field.column,
);

/** What the list reads of a row: never the plan or evaluation JSON, which are large. */
export const LIST_COLUMNS: readonly string[] = [
  ...new Set(LISTED_FIELDS.flatMap(e => columnsOf(e.field))),
];

/** The plan columns of a project row, computed from its plan and evaluation. */
export function summaryRow(
  plan: ParsedPlan,
  evaluation: PlanEvaluation,
): SummaryRow {
  const row: SummaryRow = {};
  for (const { field } of PLAN_FIELDS) {
    if (field.source.kind !== 'plan') continue;
    const value = field.source.compute(plan, evaluation);
    if (field.type === 'riskMatrix') {
      const matrix = value as RiskMatrix;
      for (const { probability, impact, column } of riskCells(field)) {
        row[column] = matrix[probability][impact];
      }
    } else if (typeof value === 'string') {
      row[field.column] = storedText(value);
    } else {
      row[field.column] = value ?? null;
    }
  }
  return row;
}

/**
 * The change times a new result writes: `now` for each field whose watched field changes
 * (or that has no time yet), none for the others, so that an unchanged status keeps the
 * time it began. `previous` is the stored row, when it holds a result.
 */
export function sinceColumns(
  previous: SummaryRow | undefined,
  row: SummaryRow,
  now: Date,
  fields: readonly SummaryFieldEntry[] = SINCE_FIELDS,
): SummaryRow {
  const changes: SummaryRow = {};
  for (const { field } of fields) {
    if (field.source.kind !== 'daysSince') continue;
    const watched = columnOf(field.source.of);
    const kept =
      previous !== undefined &&
      (previous[field.column] ?? null) !== null &&
      (previous[watched] ?? null) === (row[watched] ?? null);
    if (!kept) changes[field.column] = now;
  }
  return changes;
}

// Defined once in data-plan-common: the tab counts a plan's days in its status the same way.
export { daysBetween };

/** The UTC date of a time, `YYYY-MM-DD`: the day summaries count their days up to. */
export function utcDay(time: Date): string {
  return time.toISOString().slice(0, 10);
}

function timeOf(value: unknown): Date {
  // SQLite gives times as epoch milliseconds, PostgreSQL as Date.
  return new Date(value as string | number | Date);
}

/** A field's value in a row, as a summary on `today` gives it; undefined for no value. */
function valueOf(field: SummaryField, row: SummaryRow, today: Date): unknown {
  if (field.type === 'riskMatrix') {
    const matrix = emptyRiskMatrix();
    for (const { probability, impact, column } of riskCells(field)) {
      matrix[probability][impact] = Number(row[column] ?? 0);
    }
    return matrix;
  }
  const value = row[field.column];
  if (value === null || value === undefined) {
    if (field.optional) return undefined;
    return field.type === 'integer' ? 0 : value;
  }
  if (field.source.kind === 'daysSince') {
    return Math.max(0, daysBetween(timeOf(value), today));
  }
  if (field.source.kind === 'stuck') {
    // Stored ahead of time: a plan is stuck only once the time has come.
    const from = timeOf(value);
    return from <= today ? from.toISOString() : undefined;
  }
  switch (field.type) {
    case 'integer':
      // PostgreSQL returns bigint and sums as text.
      return Number(value);
    case 'timestamp':
      return timeOf(value).toISOString();
    default:
      // An empty text is no value.
      return value === '' && field.optional ? undefined : value;
  }
}

function setPath(
  target: Record<string, any>,
  path: readonly string[],
  value: unknown,
) {
  let node = target;
  for (const key of path.slice(0, -1)) node = node[key] ??= {};
  node[path[path.length - 1]] = value;
}

/** The list response's summary of a row read with {@link LIST_COLUMNS}, on `today`. */
export function summaryOf(row: SummaryRow, today: Date): PlanSummary {
  const summary: Record<string, any> = {};
  for (const { path, field } of LISTED_FIELDS) {
    const value = valueOf(field, row, today);
    if (value !== undefined) setPath(summary, path, value);
  }
  return summary as PlanSummary;
}

/** A field's value in a summary, by its path. */
export function summaryValue(
  summary: PlanSummary,
  entry: SummaryFieldEntry,
): unknown {
  let node: any = summary;
  for (const key of entry.path) node = node?.[key];
  return node;
}

/** What trends are drawn from: the counts of a row's plan columns, by column. */
export function historySummary(row: SummaryRow): string {
  const counts = PLAN_FIELDS.filter(
    e => e.field.type === 'integer' || e.field.type === 'riskMatrix',
  ).flatMap(e => columnsOf(e.field));
  return JSON.stringify(
    Object.fromEntries(counts.map(column => [column, row[column] ?? null])),
  );
}

/** What a history row counts: each metric of HISTORY_METRICS, and its criteria decided. */
export type HistoryCountKey = HistoryMetric | 'pass' | 'fail';

/**
 * The columns of the counts a history row keeps beside its summary_json, by what they
 * count: the same columns as the projects table's, so that trends add them up without
 * parsing every row's summary.
 */
export const HISTORY_COUNT_COLUMNS: Readonly<Record<HistoryCountKey, string>> =
  {
    ...(Object.fromEntries(
      Object.entries(HISTORY_METRICS).map(([metric, key]) => [
        metric,
        columnOf(key),
      ]),
    ) as Record<HistoryMetric, string>),
    pass: columnOf('validation.pass'),
    fail: columnOf('validation.fail'),
  };

/** The count columns of a history row, from a row's plan columns. */
export function historyCountColumns(row: SummaryRow): SummaryRow {
  return Object.fromEntries(
    Object.values(HISTORY_COUNT_COLUMNS).map(column => [
      column,
      row[column] ?? null,
    ]),
  );
}

/** The columns {@link worstScore} reads. */
const WORST = {
  errors: columnOf('findings.error'),
  failed: columnOf('validation.fail'),
  unmitigated: columnOf('risks.unmitigated'),
  topScore: columnOf('risks.topScore'),
  warnings: columnOf('findings.warning'),
};
export const WORST_SCORE_COLUMNS: readonly string[] = Object.values(WORST);

/**
 * Worst first: plan errors, then a failing read, then failed validation, then high-impact
 * risks without mitigation, then the top risk score, then warnings. A project never read
 * has no summary: it ranks by its read error alone.
 */
export function worstScore(row: SummaryRow, hasReadError: boolean): number {
  const n = (column: string) => Number(row[column] ?? 0);
  return (
    Math.min(n(WORST.errors), 999) * 1e9 +
    (hasReadError ? 1 : 0) * 1e8 +
    Math.min(n(WORST.failed), 99) * 1e6 +
    Math.min(n(WORST.unmitigated), 99) * 1e4 +
    n(WORST.topScore) * 1e3 +
    Math.min(n(WORST.warnings), 999)
  );
}
