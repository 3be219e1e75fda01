// @ts-check

/**
 * The plan held against the repository: per project, its last repository check.
 *
 * A check reads the project's files (a listing, then the files its rules need) on its own
 * schedule and after its plan changed, never with every refresh. It is stored against the
 * plan it checked (`content_hash`) and the listing it read (`listing_etag`, the tree's
 * commit on a host that gives one), so that a check of the same plan and the same tree is
 * skipped. A check that could not read the files keeps its error beside the last report.
 * `report_hash` names the report's findings and figures: a project's result is evaluated
 * with them, and `data_plan_projects.repository_hash` says which report it was evaluated
 * with, so that a new report (and only a new one) evaluates the stored plan again. The
 * summary columns of the repository fields (drift, unit test, deploy and rollback coverage)
 * are written with that result, NULL until a check has read the project's files.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('data_plan_repository_checks', table => {
    table
      .string('entity_ref', 255)
      .primary()
      .references('entity_ref')
      .inTable('data_plan_projects')
      .onDelete('CASCADE');
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.string('content_hash', 64).nullable();
    table.text('listing_etag').nullable();
    table.text('report_json').nullable();
    table.string('report_hash', 64).nullable();
    table.text('error').nullable();
    table.integer('scm_calls').notNullable().defaultTo(0);
    table.integer('file_reads').notNullable().defaultTo(0);
  });
  await knex.schema.alterTable('data_plan_projects', table => {
    table.string('repository_hash', 64).nullable();
    table.integer('repository_findings').nullable();
    table.integer('unit_test_coverage').nullable();
    table.integer('deploy_coverage').nullable();
    table.integer('rollback_coverage').nullable();
    // The drifted filter and the facets count projects by it.
    table.index(['repository_findings'], 'data_plan_projects_drift_idx');
  });
};

const COLUMNS = [
  'repository_hash',
  'repository_findings',
  'unit_test_coverage',
  'deploy_coverage',
  'rollback_coverage',
];

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('data_plan_repository_checks');
  const client = String(knex.client.config.client);
  if (client === 'sqlite3' || client === 'better-sqlite3') {
    // knex drops a SQLite column by copying the table, which would cascade to every row
    // that references a project: SQLite's own DROP COLUMN keeps them.
    await knex.raw('DROP INDEX data_plan_projects_drift_idx');
    for (const column of COLUMNS) {
      await knex.raw(`ALTER TABLE data_plan_projects DROP COLUMN ${column}`);
    }
    return;
  }
  await knex.schema.alterTable('data_plan_projects', table => {
    table.dropIndex(['repository_findings'], 'data_plan_projects_drift_idx');
    for (const column of COLUMNS) table.dropColumn(column);
  });
};
