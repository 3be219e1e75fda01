// @ts-check

/**
 * Waivers: the count of waived findings (a summary column, 0 for results stored before),
 * and the key of the waiver file a result was judged with: where it was read from, its
 * ETag and content hash (none when there is no file), the file as read, and the last day
 * its judgement holds (waivers expire). A row without a waivers location was stored before
 * waivers were read: its next refresh reads the file and evaluates the stored plan again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.integer('waived_count').notNullable().defaultTo(0);
    table.text('waivers_location').nullable();
    table.text('waivers_etag').nullable();
    table.string('waivers_content_hash', 64).nullable();
    table.text('waivers_json', 'longtext').nullable();
    table.string('waivers_until', 10).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.dropColumn('waived_count');
    table.dropColumn('waivers_location');
    table.dropColumn('waivers_etag');
    table.dropColumn('waivers_content_hash');
    table.dropColumn('waivers_json');
    table.dropColumn('waivers_until');
  });
};
