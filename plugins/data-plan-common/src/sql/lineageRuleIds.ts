import { Severity } from '../plan/types';

/**
 * The rules that compare an object's SQL with its entry in the plan, by their stable ids:
 * the SQL uses a planned object its Dependencies do not list, a listed dependency the SQL
 * never uses, the file creates another object than its entry, the SQL reads against the
 * layer order, no reader understands the file.
 *
 * @public
 */
export const SQL_LINEAGE_RULES = [
  'sql-undeclared-dependency',
  'sql-unused-dependency',
  'sql-object-mismatch',
  'sql-layer-direction',
  'sql-not-understood',
] as const;

/**
 * Id of a rule comparing an object's SQL with the plan: one of {@link SQL_LINEAGE_RULES}.
 *
 * @public
 */
export type SqlLineageRule = (typeof SQL_LINEAGE_RULES)[number];

/**
 * The severity of each SQL lineage rule's findings unless a policy's `severities` sets
 * another (or `off`).
 *
 * @public
 */
export const SQL_LINEAGE_RULE_SEVERITIES: Readonly<
  Record<SqlLineageRule, Severity>
> = {
  'sql-undeclared-dependency': 'warning',
  'sql-unused-dependency': 'info',
  'sql-object-mismatch': 'error',
  'sql-layer-direction': 'error',
  'sql-not-understood': 'info',
};

/**
 * Whether a rule id is one of the {@link SQL_LINEAGE_RULES}.
 *
 * @public
 */
export function isSqlLineageRule(rule: string): rule is SqlLineageRule {
  return (SQL_LINEAGE_RULES as readonly string[]).includes(rule);
}
