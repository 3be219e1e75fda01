// @ts-check

// The columns of HISTORY_COUNT_COLUMNS (summaryColumns.ts) when this migration was written.
const COLUMNS = [
  'error_count',
  'warning_count',
  'risk_unmitigated',
  'validation_pass',
  'validation_fail',
];

/**
 * The counts trends add up, in columns of each history row (named as the projects table's
 * columns of the same summary fields): a trend reads these instead of parsing every row's
 * summary_json. Written with every new row; existing rows take them from their summary_json.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('data_plan_history', table => {
    for (const column of COLUMNS) table.integer(column).nullable();
  });
  const value = jsonValue(knex);
  await knex.raw(
    `UPDATE data_plan_history SET ${COLUMNS.map(
      column => `${column} = ${value(column)}`,
    ).join(', ')}`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('data_plan_history', table => {
    for (const column of [...COLUMNS].reverse()) table.dropColumn(column);
  });
};

/**
 * The SQL of a summary_json property as an integer (NULL when absent or null), by client.
 *
 * @param {import('knex').Knex} knex
 * @returns {(column: string) => string}
 */
function jsonValue(knex) {
  const client = String(knex.client.config.client);
  if (client === 'pg') {
    return column => `CAST(summary_json::json ->> '${column}' AS integer)`;
  }
  if (client === 'mysql' || client === 'mysql2') {
    return column =>
      `CAST(NULLIF(JSON_UNQUOTE(JSON_EXTRACT(summary_json, '$.${column}')), 'null') AS SIGNED)`;
  }
  return column => `CAST(json_extract(summary_json, '$.${column}') AS INTEGER)`;
}
