// @ts-check

/**
 * Columns that hold text from entities or plan documents become `text`: a long title, plan
 * path, ETag or Plan Version must be stored, not make the write fail. Columns that stay
 * short are bounded by the catalog or by this plugin: entity_ref (kind, namespace and name
 * of at most 63 characters each), owner (indexed; the store cuts it to 255 characters, more
 * than any valid entity ref), status (indexed; one of the parser's statuses), source_type
 * and the hashes (written by the plugin itself).
 *
 * SQLite does not enforce varchar lengths, and altering a column there copies the table:
 * it is left as it is.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (isSqlite(knex)) return;
  await knex.schema.alterTable('data_plan_projects', table => {
    table.text('name').notNullable().alter();
    table.text('title').nullable().alter();
    table.text('plan_path').nullable().alter();
    table.text('etag').nullable().alter();
    table.text('plan_version').nullable().alter();
  });
  await knex.schema.alterTable('data_plan_history', table => {
    table.text('plan_version').nullable().alter();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isSqlite(knex)) return;
  await knex.schema.alterTable('data_plan_history', table => {
    table.string('plan_version', 64).nullable().alter();
  });
  await knex.schema.alterTable('data_plan_projects', table => {
    table.string('name', 255).notNullable().alter();
    table.string('title', 255).nullable().alter();
    table.string('plan_path', 1024).nullable().alter();
    table.string('etag', 512).nullable().alter();
    table.string('plan_version', 64).nullable().alter();
  });
};

/** @param {import('knex').Knex} knex */
function isSqlite(knex) {
  const client = String(knex.client.config.client);
  return client === 'sqlite3' || client === 'better-sqlite3';
}
