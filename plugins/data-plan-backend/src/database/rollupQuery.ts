import {
  PlanListFilters,
  PlanRollupResponse,
  ROLLUP_LIMITS,
  RollupDimension,
} from '@dataplan/plugin-data-plan-common';
import { Knex } from 'knex';
import { Visibility } from './DataPlanStore';
import { filteredProjects, OWNER_GROUPS } from './planQueries';
import { columnOf } from './summaryColumns';

type RollupRow = PlanRollupResponse['rows'][number];

/** Code-unit order, the same on every database and in every locale. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Worst first: erroring projects, then unmitigated high risks, then size, then the ref. */
function worstFirst(a: RollupRow, b: RollupRow): number {
  return (
    b.errors - a.errors ||
    b.unmitigatedHighRisks - a.unmitigatedHighRisks ||
    b.count - a.count ||
    compareStrings(a.ref, b.ref)
  );
}

/**
 * The matching projects counted by owner, system or group, in one grouped query. A group
 * counts each project once that it or any group under it owns (the project's owner
 * groups); projects without an owner or system count under the empty ref.
 */
export async function rollupQuery(
  db: Knex,
  by: RollupDimension,
  filters: PlanListFilters,
  visible: Visibility,
  today: Date,
): Promise<PlanRollupResponse> {
  const errors = columnOf('findings.error');
  const unmitigated = columnOf('risks.unmitigated');
  const matching = filteredProjects(db, filters, visible, today);
  let grouped: Knex.QueryBuilder;
  if (by === 'group') {
    grouped = db
      .from(matching.select('entity_ref', errors, unmitigated).as('p'))
      .leftJoin(`${OWNER_GROUPS} as g`, 'g.entity_ref', 'p.entity_ref')
      .select({ ref: 'g.group_ref' })
      .groupBy('g.group_ref');
  } else {
    const column = columnOf(by);
    grouped = matching.select({ ref: column }).groupBy(column);
  }
  const rows: Array<Record<string, any>> = await grouped
    .count({ count: '*' })
    .select(
      db.raw('SUM(CASE WHEN ?? > 0 THEN 1 ELSE 0 END) AS with_errors', [
        errors,
      ]),
      db.raw('SUM(??) AS unmitigated', [unmitigated]),
    );
  const number = (value: unknown) => Number(value ?? 0);
  const all = rows
    .map(row => ({
      ref: row.ref ?? '',
      count: number(row.count),
      errors: number(row.with_errors),
      unmitigatedHighRisks: number(row.unmitigated),
    }))
    .sort(worstFirst);
  return {
    by,
    rows: all.slice(0, ROLLUP_LIMITS.maxRows),
    totalRows: all.length,
  };
}
