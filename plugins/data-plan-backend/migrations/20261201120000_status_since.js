// @ts-check

/**
 * When each project's current status began, so that the list can say how many days a plan
 * has had its status. A new result sets it when the status changes and keeps it otherwise.
 * Rows that have a plan start from their history: the first history row of the last run
 * of rows with the project's current status.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.timestamp('status_since', { useTz: true }).nullable();
  });
  await knex.raw(`
    UPDATE data_plan_projects SET status_since = (
      SELECT MIN(h.recorded_at) FROM data_plan_history h
      WHERE h.entity_ref = data_plan_projects.entity_ref
        AND NOT EXISTS (
          SELECT 1 FROM data_plan_history o
          WHERE o.entity_ref = h.entity_ref
            AND o.recorded_at >= h.recorded_at
            AND COALESCE(o.status, '') <> COALESCE(data_plan_projects.status, '')
        )
    )
    WHERE plan_json IS NOT NULL
  `);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.dropColumn('status_since');
  });
};
