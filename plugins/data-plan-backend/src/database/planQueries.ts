import { InputError } from '@backstage/errors';
import {
  ListPlansRequest,
  PlanSortKey,
  PlanSummary,
} from '@dataplan/plugin-data-plan-common';
import { Knex } from 'knex';

/** Which projects the caller may see: all, or exactly these entity refs. */
export type Visibility = 'all' | string[];

export const PROJECTS = 'data_plan_projects';

const LIFECYCLE_ORDER = `CASE status WHEN 'DRAFT' THEN 0 WHEN 'REVIEW' THEN 1 WHEN 'APPROVED' THEN 2 WHEN 'IN_PROGRESS' THEN 3 WHEN 'COMPLETE' THEN 4 ELSE 5 END`;

/** Sort expressions; every one is total (no NULLs) so that keyset cursors work. */
const SORTS: Record<
  PlanSortKey,
  { expression: string; defaultOrder: 'asc' | 'desc'; numeric: boolean }
> = {
  worst: { expression: 'worst_score', defaultOrder: 'desc', numeric: true },
  name: { expression: 'name', defaultOrder: 'asc', numeric: false },
  status: { expression: LIFECYCLE_ORDER, defaultOrder: 'asc', numeric: true },
  owner: {
    expression: "COALESCE(owner, '')",
    defaultOrder: 'asc',
    numeric: false,
  },
  risk: {
    expression: 'COALESCE(risk_top_score, 0)',
    defaultOrder: 'desc',
    numeric: true,
  },
  // Every stored row has been refreshed at least once, so the column is never NULL.
  refreshed: {
    expression: 'last_refreshed_at',
    defaultOrder: 'desc',
    numeric: false,
  },
};

export function sortOf(request: ListPlansRequest) {
  const key = request.sort ?? 'worst';
  const sort = SORTS[key];
  if (!sort)
    throw new InputError(
      `sort: '${key}' is not one of ${Object.keys(SORTS).join(', ')}`,
    );
  return { key, ...sort, order: request.order ?? sort.defaultOrder };
}

export function encodeCursor(value: unknown, entityRef: string): string {
  return Buffer.from(JSON.stringify([value, entityRef])).toString('base64url');
}

export function decodeCursor(cursor: string): [unknown, string] {
  try {
    const decoded = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      ['string', 'number'].includes(typeof decoded[0]) &&
      typeof decoded[1] === 'string'
    ) {
      return decoded as [unknown, string];
    }
  } catch {
    // reported below
  }
  throw new InputError('cursor: not a cursor this API issued');
}

/** Restricts a query to the visible entity refs, as one bound array, however many there are. */
function whereVisible(db: Knex, query: Knex.QueryBuilder, visible: Visibility) {
  if (visible === 'all') return;
  if (visible.length === 0) {
    query.whereRaw('1 = 0');
    return;
  }
  const client = String(db.client.config.client);
  if (client === 'pg' || client === 'postgres' || client === 'postgresql') {
    query.whereRaw('entity_ref = ANY(?::text[])', [visible]);
  } else if (client.includes('sqlite')) {
    query.whereRaw('entity_ref IN (SELECT value FROM json_each(?))', [
      JSON.stringify(visible),
    ]);
  } else {
    query.whereIn('entity_ref', visible);
  }
}

/** The filters shared by the list, its facets and its export. */
export function filteredProjects(
  db: Knex,
  request: ListPlansRequest,
  visible: Visibility,
): Knex.QueryBuilder {
  const query = db(PROJECTS).whereNull('deleted_at');
  whereVisible(db, query, visible);
  if (request.owner?.length) query.whereIn('owner', request.owner);
  if (request.status?.length) query.whereIn('status', request.status);
  if (request.severity === 'error') query.where('error_count', '>', 0);
  else if (request.severity === 'warning')
    query.where(q =>
      q.where('error_count', '>', 0).orWhere('warning_count', '>', 0),
    );
  else if (request.severity === 'info')
    query.where(q =>
      q
        .where('error_count', '>', 0)
        .orWhere('warning_count', '>', 0)
        .orWhere('info_count', '>', 0),
    );
  if (request.unmitigatedHighRisk) query.where('risk_unmitigated', '>', 0);
  if (request.text?.trim()) {
    const pattern = `%${request.text
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, c => `\\${c}`)}%`;
    query.whereRaw("search_text LIKE ? ESCAPE '\\'", [pattern]);
  }
  return query;
}

/** What {@link summaryOf} reads: never the plan or evaluation JSON, which are large. */
const SUMMARY_COLUMNS = [
  'entity_ref',
  'title',
  'owner',
  'status',
  'plan_version',
  'object_count',
  'risk_total',
  'risk_high',
  'risk_unmitigated',
  'risk_top_score',
  'validation_pass',
  'validation_fail',
  'validation_pending',
  'validation_unknown',
  'error_count',
  'warning_count',
  'info_count',
  'last_refreshed_at',
  'last_error',
];

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
    ...SUMMARY_COLUMNS,
    ...(options.withTotal ? [db.raw('COUNT(*) OVER () AS total_count')] : []),
  );
  const query = db.select('*').from(matching.as('matching'));
  if (request.cursor) {
    const [value, entityRef] = decodeCursor(request.cursor);
    const op = sort.order === 'desc' ? '<' : '>';
    query.where(q =>
      q
        .where('sort_value', op, value as Knex.Value)
        .orWhere(q2 =>
          q2
            .where('sort_value', value as Knex.Value)
            .andWhere('entity_ref', '>', entityRef),
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

function isoOrUndefined(value: unknown): string | undefined {
  return value === null || value === undefined
    ? undefined
    : new Date(value as string).toISOString();
}

export function summaryOf(row: Record<string, any>): PlanSummary {
  const summary: PlanSummary = {
    entityRef: row.entity_ref,
    objects: Number(row.object_count),
    risks: {
      total: Number(row.risk_total),
      high: Number(row.risk_high),
      unmitigated: Number(row.risk_unmitigated),
      ...(row.risk_top_score !== null
        ? { topScore: Number(row.risk_top_score) }
        : {}),
    },
    validation: {
      pass: Number(row.validation_pass),
      fail: Number(row.validation_fail),
      pending: Number(row.validation_pending),
      unknown: Number(row.validation_unknown),
    },
    findings: {
      error: Number(row.error_count),
      warning: Number(row.warning_count),
      info: Number(row.info_count),
    },
  };
  if (row.title) summary.title = row.title;
  if (row.owner) summary.owner = row.owner;
  if (row.status) summary.status = row.status;
  if (row.plan_version) summary.planVersion = row.plan_version;
  const refreshed = isoOrUndefined(row.last_refreshed_at);
  if (refreshed) summary.lastRefreshedAt = refreshed;
  if (row.last_error) summary.lastError = row.last_error;
  return summary;
}
