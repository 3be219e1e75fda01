// @ts-check

/**
 * When each project's plan counts as stuck under its policy: the first day past the days
 * its status may last (`stuckAfterDays`), written with each result so that the list, its
 * filter and the facets compare one time and nothing is written as days pass. Results
 * stored before were evaluated without stuck limits: none is stuck.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.timestamp('stuck_from', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.dropColumn('stuck_from');
  });
};
