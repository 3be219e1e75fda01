import { InputError } from '@backstage/errors';
import {
  DEFAULT_PLAN_SORT,
  DEFAULT_SORT_ORDERS,
  ListPlansRequest,
  PLAN_STATUSES,
  PlanSortKey,
  SEVERITIES,
  SortOrder,
} from '@dataplan/plugin-data-plan-common';
import { Knex } from 'knex';
import { Visibility } from './DataPlanStore';
import { columnOf, LIST_COLUMNS } from './summaryColumns';
import { whereRefIn } from './whereRefIn';

export const PROJECTS = 'data_plan_projects';

const STATUS = columnOf('status');
const OWNER = columnOf('owner');

/** The status's position in the lifecycle; a row without a status sorts after the last. */
const LIFECYCLE_ORDER = `CASE ${STATUS} ${PLAN_STATUSES.map(
  (status, step) => `WHEN '${status}' THEN ${step}`,
).join(' ')} ELSE ${PLAN_STATUSES.length} END`;

/**
 * What a sort value is in SQL, and so what a cursor may carry: `integer` (32-bit), `bigint`
 * (within JavaScript's safe integers), `text`, or `timestamp` (an ISO 8601 string, or epoch
 * milliseconds as SQLite stores them).
 */
type SortValueType = 'integer' | 'bigint' | 'text' | 'timestamp';

/** Sort expressions; every one is total (no NULLs) so that keyset cursors work. */
const SORTS: Record<
  PlanSortKey,
  { expression: string; valueType: SortValueType }
> = {
  worst: { expression: 'worst_score', valueType: 'bigint' },
  name: { expression: 'name', valueType: 'text' },
  status: { expression: LIFECYCLE_ORDER, valueType: 'integer' },
  owner: { expression: `COALESCE(${OWNER}, '')`, valueType: 'text' },
  risk: {
    expression: `COALESCE(${columnOf('risks.topScore')}, 0)`,
    valueType: 'integer',
  },
  // Every stored row has been refreshed at least once, so the column is never NULL.
  refreshed: {
    expression: columnOf('lastRefreshedAt'),
    valueType: 'timestamp',
  },
};

export function sortOf(request: ListPlansRequest) {
  const key = request.sort ?? DEFAULT_PLAN_SORT;
  // Own keys only: `constructor` or `__proto__` must not find a sort.
  const sort = Object.hasOwn(SORTS, key) ? SORTS[key] : undefined;
  if (!sort)
    throw new InputError(
      `sort: '${key}' is not one of ${Object.keys(SORTS).join(', ')}`,
    );
  const order: SortOrder = request.order ?? DEFAULT_SORT_ORDERS[key];
  return { key, ...sort, order };
}

export function encodeCursor(value: unknown, entityRef: string): string {
  return Buffer.from(JSON.stringify([value, entityRef])).toString('base64url');
}

const INTEGER_TEXT = /^-?\d{1,15}$/;
/** Epoch milliseconds of 10000-01-01: no stored refresh time is later (or before 1970). */
const TIMESTAMP_END = 253402300800000;
const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The cursor's sort value as the SQL of its type takes it, or undefined if it is not one. */
function sortValueOf(
  value: unknown,
  type: SortValueType,
): Knex.Value | undefined {
  switch (type) {
    case 'text':
      // PostgreSQL text cannot hold NUL.
      return typeof value === 'string' && !value.includes('\0')
        ? value
        : undefined;
    case 'integer':
      return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 - 1
        ? (value as number)
        : undefined;
    case 'bigint': {
      // PostgreSQL returns bigint as text.
      const n =
        typeof value === 'string' && INTEGER_TEXT.test(value)
          ? Number(value)
          : value;
      return Number.isSafeInteger(n) ? (n as number) : undefined;
    }
    case 'timestamp': {
      const valid =
        (typeof value === 'string' && ISO_TIMESTAMP.test(value)) ||
        (Number.isInteger(value) &&
          (value as number) >= 0 &&
          (value as number) < TIMESTAMP_END);
      const date = valid ? new Date(value as string | number) : undefined;
      return date && !Number.isNaN(date.getTime()) ? date : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The sort value and entity ref a cursor carries, checked against the sort it pages: a
 * value of another type would reach the SQL (and fail there on PostgreSQL).
 */
export function decodeCursor(
  cursor: string,
  type: SortValueType,
): [Knex.Value, string] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // reported below
  }
  if (
    Array.isArray(decoded) &&
    decoded.length === 2 &&
    typeof decoded[1] === 'string' &&
    !decoded[1].includes('\0')
  ) {
    const value = sortValueOf(decoded[0], type);
    if (value !== undefined) return [value, decoded[1]];
  }
  throw new InputError('cursor: not a cursor this API issued');
}

/** The filters shared by the list, its facets and its export. */
export function filteredProjects(
  db: Knex,
  request: ListPlansRequest,
  visible: Visibility,
): Knex.QueryBuilder {
  const query = db(PROJECTS).whereNull('deleted_at');
  if (visible !== 'all') whereRefIn(db, query, visible);
  if (request.owner?.length) query.whereIn(OWNER, request.owner);
  if (request.status?.length) query.whereIn(STATUS, request.status);
  if (request.severity) {
    // This severity or a worse one: the severities before it in the list.
    const counted = SEVERITIES.slice(
      0,
      SEVERITIES.indexOf(request.severity) + 1,
    );
    query.where(q => {
      for (const severity of counted) {
        q.orWhere(columnOf(`findings.${severity}`), '>', 0);
      }
    });
  }
  if (request.unmitigatedHighRisk)
    query.where(columnOf('risks.unmitigated'), '>', 0);
  if (request.text?.trim()) {
    const pattern = `%${request.text
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, c => `\\${c}`)}%`;
    query.whereRaw("search_text LIKE ? ESCAPE '\\'", [pattern]);
  }
  return query;
}

/**
 * One page of the filtered, sorted list, after the cursor if there is one. With
 * `withTotal`, each row also carries `total_count`, the number of matching rows before the
 * cursor: one scan answers both the page and the total.
 */
export function pageQuery(
  db: Knex,
  request: ListPlansRequest,
  visible: Visibility,
  limit: number,
  options: { withTotal?: boolean } = {},
) {
  const sort = sortOf(request);
  const matching = filteredProjects(db, request, visible).select(
    db.raw(`${sort.expression} AS sort_value`),
    ...LIST_COLUMNS,
    ...(options.withTotal ? [db.raw('COUNT(*) OVER () AS total_count')] : []),
  );
  const query = db.select('*').from(matching.as('matching'));
  if (request.cursor) {
    const [value, entityRef] = decodeCursor(request.cursor, sort.valueType);
    const op = sort.order === 'desc' ? '<' : '>';
    query.where(q =>
      q
        .where('sort_value', op, value)
        .orWhere(q2 =>
          q2.where('sort_value', value).andWhere('entity_ref', '>', entityRef),
        ),
    );
  }
  return query
    .orderBy([
      { column: 'sort_value', order: sort.order },
      { column: 'entity_ref', order: 'asc' },
    ])
    .limit(limit + 1);
}
