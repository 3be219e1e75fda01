// @ts-check

/**
 * The drift count (summary field `repository.findings`) in a column of each history row
 * beside the other counts trends add up (HISTORY_COUNT_COLUMNS in summaryColumns.ts), named
 * as the projects table's column. Rows written since the repository check came hold it in
 * their summary_json; older rows have none (NULL: counted as no drift).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('data_plan_history', table => {
    table.integer('repository_findings').nullable();
  });
  await knex.raw(
    `UPDATE data_plan_history SET repository_findings = ${jsonValue(
      knex,
      'repository_findings',
    )}`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const client = String(knex.client.config.client);
  if (client === 'sqlite3' || client === 'better-sqlite3') {
    // SQLite's own DROP COLUMN: knex would copy the table.
    await knex.raw(
      'ALTER TABLE data_plan_history DROP COLUMN repository_findings',
    );
    return;
  }
  await knex.schema.alterTable('data_plan_history', table => {
    table.dropColumn('repository_findings');
  });
};

/**
 * The SQL of a summary_json property as an integer (NULL when absent or null), by client.
 *
 * @param {import('knex').Knex} knex
 * @param {string} column
 * @returns {string}
 */
function jsonValue(knex, column) {
  const client = String(knex.client.config.client);
  if (client === 'pg') {
    return `CAST(summary_json::json ->> '${column}' AS integer)`;
  }
  if (client === 'mysql' || client === 'mysql2') {
    return `CAST(NULLIF(JSON_UNQUOTE(JSON_EXTRACT(summary_json, '$.${column}')), 'null') AS SIGNED)`;
  }
  return `CAST(json_extract(summary_json, '$.${column}') AS INTEGER)`;
}
