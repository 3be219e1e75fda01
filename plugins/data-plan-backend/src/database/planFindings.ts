import {
  countByRule,
  PlanEvaluation,
  PlanFacetsResponse,
  Severity,
  SEVERITIES,
} from '@dataplan/plugin-data-plan-common';
import { Knex } from 'knex';

/*
 * The findings table: per project, the active (not waived) findings of its stored result by
 * rule, which the `rule` filter and the facets' top findings read without the evaluation JSON.
 */

export const FINDINGS = 'data_plan_findings';

/** Rows a write inserts at once: four values each, well within every database's limit. */
const INSERT_CHUNK = 200;

/** Replaces a project's findings rows with those of its new result (in the write's transaction). */
export async function writeFindings(
  trx: Knex.Transaction,
  entityRef: string,
  evaluation: PlanEvaluation,
): Promise<void> {
  await trx(FINDINGS).where({ entity_ref: entityRef }).delete();
  const rows = countByRule(evaluation.diagnostics, evaluation.findings).map(
    ({ rule, severity, count }) => ({
      entity_ref: entityRef,
      rule,
      severity,
      finding_count: count,
    }),
  );
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await trx(FINDINGS).insert(rows.slice(i, i + INSERT_CHUNK));
  }
}

/** Narrows a projects query to those with an active finding of `rule`. */
export function whereHasRule(
  db: Knex,
  query: Knex.QueryBuilder,
  projects: string,
  rule: string,
): void {
  query.whereExists(
    db(FINDINGS)
      .select(db.raw('1'))
      .whereRaw('??.entity_ref = ??.entity_ref', [FINDINGS, projects])
      .where(`${FINDINGS}.rule`, rule),
  );
}

/** The severity's place in SEVERITIES, worst first: the worst of several is the least. */
const SEVERITY_RANK = `CASE severity ${SEVERITIES.map(
  (severity, rank) => `WHEN '${severity}' THEN ${rank}`,
).join(' ')} ELSE ${SEVERITIES.length} END`;

/** Code-unit order, the same on every database and in every locale. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The rules with findings in the most of the projects `matching` selects (a query of their
 * entity refs): most projects first, then by rule id; at most `limit`.
 */
export async function topRules(
  db: Knex,
  matching: Knex.QueryBuilder,
  limit: number,
): Promise<PlanFacetsResponse['rules']> {
  // One row per rule that fires: the rules are code's, a few dozen however many projects.
  const groups: Array<Record<string, any>> = await db(FINDINGS)
    .select('rule')
    .count({ projects: '*' })
    .select(db.raw(`MIN(${SEVERITY_RANK}) AS worst_rank`))
    .whereIn('entity_ref', matching)
    .groupBy('rule');
  // Sorted here: the database's collation might not order ids by code unit.
  return groups
    .map(group => ({
      rule: group.rule as string,
      severity: (SEVERITIES[Number(group.worst_rank)] ?? 'info') as Severity,
      projects: Number(group.projects),
    }))
    .sort((a, b) => b.projects - a.projects || compareStrings(a.rule, b.rule))
    .slice(0, limit);
}
