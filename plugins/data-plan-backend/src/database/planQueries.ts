import {
  DEFAULT_PLAN_SORT,
  DEFAULT_SORT_ORDERS,
  PLAN_STATUSES,
  PlanListFilters,
  PlanSortKey,
  SEVERITIES,
  SortOrder,
} from '@dataplan/plugin-data-plan-common';
import { Knex } from 'knex';
import { PlanListQuery, Visibility } from './DataPlanStore';
import { columnOf, LIST_COLUMNS, STUCK_COLUMN } from './summaryColumns';
import { whereHasRule } from './planFindings';
import { whereRefIn } from './whereRefIn';

export const PROJECTS = 'data_plan_projects';
/** Each project's owner and the groups above it: see the plan_groups migration. */
export const OWNER_GROUPS = 'data_plan_groups';

const STATUS = columnOf('status');
const OWNER = columnOf('owner');
const SYSTEM = columnOf('system');

/** The status's position in the lifecycle; a row without a status sorts after the last. */
const LIFECYCLE_ORDER = `CASE ${STATUS} ${PLAN_STATUSES.map(
  (status, step) => `WHEN '${status}' THEN ${step}`,
).join(' ')} ELSE ${PLAN_STATUSES.length} END`;

/**
 * Sort expressions, of the types `PLAN_SORT_VALUE_TYPES` gives (a timestamp is an ISO 8601
 * string, or epoch milliseconds as SQLite stores it); every one is total (no NULLs) so that
 * keyset positions work.
 */
const SORTS: Record<PlanSortKey, string> = {
  worst: 'worst_score',
  name: 'name',
  status: LIFECYCLE_ORDER,
  owner: `COALESCE(${OWNER}, '')`,
  risk: `COALESCE(${columnOf('risks.topScore')}, 0)`,
  // Every stored row has been refreshed at least once, so the column is never NULL.
  refreshed: columnOf('lastRefreshedAt'),
};

function sortOf(query: PlanListQuery) {
  const key = query.sort ?? DEFAULT_PLAN_SORT;
  // The service checks a request's sort; own keys only here too, so that `constructor`
  // can never find one.
  if (!Object.hasOwn(SORTS, key)) throw new Error(`No sort '${key}'`);
  const order: SortOrder = query.order ?? DEFAULT_SORT_ORDERS[key];
  return { key, expression: SORTS[key], order };
}

/** The filters shared by the list, its facets and its export. */
export function filteredProjects(
  db: Knex,
  request: PlanListFilters,
  visible: Visibility,
  today: Date,
): Knex.QueryBuilder {
  const query = db(PROJECTS).whereNull('deleted_at');
  if (visible !== 'all') whereRefIn(db, query, visible);
  if (request.owner?.length) query.whereIn(OWNER, request.owner);
  if (request.status?.length) query.whereIn(STATUS, request.status);
  // Both refs are stored in lower case, which the service gives the filters in.
  if (request.system) query.where(SYSTEM, request.system);
  if (request.group) {
    // The group itself or any group under it: the projects it is an owner group of.
    query.whereIn(
      'entity_ref',
      db(OWNER_GROUPS).select('entity_ref').where('group_ref', request.group),
    );
  }
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
  // Stuck from a stored time on: the same comparison as the summary's stuckSince.
  if (request.stuck) query.where(STUCK_COLUMN, '<=', today);
  if (request.waived) query.where(columnOf('findings.waived'), '>', 0);
  if (request.drifted) query.where(columnOf('repository.findings'), '>', 0);
  if (request.rule) whereHasRule(db, query, PROJECTS, request.rule);
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
 * One page of the filtered, sorted list, after the position if there is one. With
 * `withTotal`, each row also carries `total_count`, the number of matching rows before the
 * position: one scan answers both the page and the total.
 */
export function pageQuery(
  db: Knex,
  request: PlanListQuery,
  visible: Visibility,
  limit: number,
  options: { today: Date; withTotal?: boolean },
) {
  const sort = sortOf(request);
  const matching = filteredProjects(db, request, visible, options.today).select(
    db.raw(`${sort.expression} AS sort_value`),
    ...LIST_COLUMNS,
    ...(options.withTotal ? [db.raw('COUNT(*) OVER () AS total_count')] : []),
  );
  const query = db.select('*').from(matching.as('matching'));
  if (request.after) {
    const { sortValue: value, entityRef } = request.after;
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
