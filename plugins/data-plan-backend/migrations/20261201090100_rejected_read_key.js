// @ts-check

/**
 * The key of the last read refused as no plan, kept apart from the key of the stored
 * result: the next refresh asks whether the refused content is still there, and neither
 * parses it again nor mistakes it for the stored plan.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.text('rejected_etag').nullable();
    table.string('rejected_content_hash', 64).nullable();
    table.integer('rejected_parser_version').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.dropColumn('rejected_etag');
    table.dropColumn('rejected_content_hash');
    table.dropColumn('rejected_parser_version');
  });
};
