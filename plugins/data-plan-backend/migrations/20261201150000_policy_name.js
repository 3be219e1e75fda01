// @ts-check

/**
 * The name of the policy each stored result was evaluated under (a scope of
 * `dataPlan.policy`, or `default`), which the list and the tab show. Every result stored
 * before policies could be configured was evaluated under the default.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.text('policy_name').nullable();
  });
  await knex('data_plan_projects')
    .whereNotNull('plan_json')
    .update({ policy_name: 'default' });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.dropColumn('policy_name');
  });
};
