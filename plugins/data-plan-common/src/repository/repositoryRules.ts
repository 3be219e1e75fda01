import { Severity } from '../plan/types';
import { isSqlLineageRule, SqlLineageRule } from '../sql/lineageRuleIds';

/**
 * The rules that hold a plan against its project's files (`checkRepository`), by their
 * stable ids:
 *
 * - the listing: a path that is not a safe project path, a listing cut short, a file that
 *   could not be read, the work budget spent;
 * - the layout: a folder of the layered layout missing, a planned object without its file
 *   or with its file in another layer's or kind's folder, a SQL file under `src/` that no
 *   step names, an object without its unit test;
 * - the deploy scripts: a script the plan names (or the default one) missing, a `!source`
 *   that is missing, leaves the project or closes a cycle, an object the deploy scripts do
 *   not create, one created before an object it depends on;
 * - rollback readiness: no rollback script, a deployed object it does not drop or
 *   restore, a table without a backup clone before the deploy, no backup location (6.3)
 *   or no folder there.
 *
 * @public
 */
export const REPOSITORY_RULES = [
  'unsafe-path',
  'listing-truncated',
  'unreadable-file',
  'repository-budget-exceeded',
  'missing-directory',
  'missing-object-file',
  'misplaced-object-file',
  'orphan-sql-file',
  'missing-unit-test',
  'missing-script',
  'missing-include',
  'unsafe-include',
  'include-cycle',
  'object-not-deployed',
  'deploy-out-of-order',
  'missing-rollback-script',
  'missing-rollback',
  'missing-backup',
  'missing-backup-location',
  'missing-backup-folder',
] as const;

/**
 * The version of the repository checks: raised with every change to what `checkRepository`
 * reports for the same plan and the same files, so that a report stored by an earlier
 * version is computed again rather than kept for an unchanged tree.
 *
 * @public
 */
export const REPOSITORY_CHECK_VERSION = 1;

/**
 * Id of a rule about a plan against its project's files: one of {@link REPOSITORY_RULES}.
 *
 * @public
 */
export type RepositoryRule = (typeof REPOSITORY_RULES)[number];

/**
 * The severity of each repository rule's findings unless a policy's `severities` sets
 * another (or `off`). What breaks a deploy (a planned file missing or misplaced, a script
 * missing, an include that cannot be followed, an object not deployed or deployed before
 * what it needs) is an error; what weakens a rollback, a test or the layout is a warning.
 *
 * @public
 */
export const REPOSITORY_RULE_SEVERITIES: Readonly<
  Record<RepositoryRule, Severity>
> = {
  'unsafe-path': 'warning',
  'listing-truncated': 'warning',
  'unreadable-file': 'warning',
  'repository-budget-exceeded': 'warning',
  'missing-directory': 'warning',
  'missing-object-file': 'error',
  'misplaced-object-file': 'error',
  'orphan-sql-file': 'warning',
  'missing-unit-test': 'warning',
  'missing-script': 'error',
  'missing-include': 'error',
  'unsafe-include': 'error',
  'include-cycle': 'error',
  'object-not-deployed': 'error',
  'deploy-out-of-order': 'error',
  'missing-rollback-script': 'warning',
  'missing-rollback': 'warning',
  'missing-backup': 'warning',
  'missing-backup-location': 'warning',
  'missing-backup-folder': 'warning',
};

/**
 * Whether a rule id is one of the repository rules, which `checkRepository` reports (and
 * whose waivers are judged against its findings).
 *
 * @public
 */
export function isRepositoryRule(rule: string): rule is RepositoryRule {
  return (REPOSITORY_RULES as readonly string[]).includes(rule);
}

/**
 * Whether a rule's findings come from `checkRepository`: a repository rule or a SQL
 * lineage rule (`SQL_LINEAGE_RULES`). Its waivers are judged against the check's findings.
 *
 * @public
 */
export function isRepositoryCheckRule(rule: string): boolean {
  return isRepositoryRule(rule) || isSqlLineageRule(rule);
}

// The lineage rules that say the files do other than the plan: SQL that uses a planned
// object the plan does not list as a dependency, or creates another object than planned.
// An unused dependency (the plan may order more than the SQL reads) and a file no reader
// understood (the reader's limit, not the files') are no drift.
const DRIFT_LINEAGE_RULES: ReadonlySet<string> = new Set<SqlLineageRule>([
  'sql-undeclared-dependency',
  'sql-object-mismatch',
  'sql-layer-direction',
]);

// The repository rules that say where the reader stopped, not what the files hold.
const READER_LIMIT_RULES: ReadonlySet<string> = new Set<RepositoryRule>([
  'listing-truncated',
  'repository-budget-exceeded',
]);

/**
 * Whether a rule's active findings count as drift (`driftCount`): every repository rule
 * but the reader's limits (`listing-truncated`, `repository-budget-exceeded`), and the
 * SQL lineage rules that say the SQL does other than the plan
 * (`sql-undeclared-dependency`, `sql-object-mismatch`, `sql-layer-direction`); not
 * `sql-unused-dependency` nor `sql-not-understood`.
 *
 * @public
 */
export function isDriftRule(rule: string): boolean {
  return (
    (isRepositoryRule(rule) && !READER_LIMIT_RULES.has(rule)) ||
    DRIFT_LINEAGE_RULES.has(rule)
  );
}
