// @ts-check

/**
 * One row holding the data generation of the projects table: every write that changes what
 * the list, facets or export show moves it, in the same transaction. Readers on every
 * replica compare it to decide whether a result they computed earlier is still right.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('data_plan_generation', table => {
    table.integer('id').primary().notNullable();
    table.bigInteger('generation').notNullable().defaultTo(0);
  });
  await knex('data_plan_generation').insert({ id: 1, generation: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('data_plan_generation');
};
