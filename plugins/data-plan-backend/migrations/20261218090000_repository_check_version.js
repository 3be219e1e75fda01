// @ts-check

/**
 * The version of the checks a project's repository report was computed by (`check_version`:
 * the parser's and the repository rules'): a check of the same plan and the same tree is
 * skipped only when the same checks computed its report, so that an upgrade checks again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('data_plan_repository_checks', table => {
    table.string('check_version', 64).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const client = String(knex.client.config.client);
  if (client === 'sqlite3' || client === 'better-sqlite3') {
    // SQLite's own DROP COLUMN: knex would copy the table.
    await knex.raw(
      'ALTER TABLE data_plan_repository_checks DROP COLUMN check_version',
    );
    return;
  }
  await knex.schema.alterTable('data_plan_repository_checks', table => {
    table.dropColumn('check_version');
  });
};
