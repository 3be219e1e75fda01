// @ts-check

/**
 * History backfilled from each project's repository, and its retention.
 *
 * A history row now says where it comes from (`source`: `live` from a refresh, `backfill`
 * from a past version of the plan) and, when backfilled, the commit it was read from: at
 * most one row per commit and project, so that a backfill that runs again writes nothing.
 * NULLs are distinct in a unique index on SQLite, PostgreSQL and MySQL, so live rows (no
 * commit) are not constrained by it.
 *
 * A project row keeps its backfill's state: none yet, `running` since `backfill_claimed_at`
 * (the claim that makes one replica do it), `done`, `unsupported` or `failed` with the
 * reason, since `backfilled_at`. A rate limit leaves no state, with the reason and the time
 * before which it is not tried again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('data_plan_history', table => {
    table.string('source', 16).notNullable().defaultTo('live');
    table.string('commit_sha', 64).nullable();
    table.unique(['entity_ref', 'commit_sha'], {
      indexName: 'data_plan_history_commit_uniq',
    });
    // Retention deletes by age over every project.
    table.index(['recorded_at'], 'data_plan_history_recorded_idx');
  });
  await knex.schema.alterTable('data_plan_projects', table => {
    table.string('backfill_state', 16).nullable();
    table.text('backfill_reason').nullable();
    table.timestamp('backfilled_at', { useTz: true }).nullable();
    table.timestamp('backfill_claimed_at', { useTz: true }).nullable();
    table.timestamp('backfill_retry_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.dropColumn('backfill_retry_at');
    table.dropColumn('backfill_claimed_at');
    table.dropColumn('backfilled_at');
    table.dropColumn('backfill_reason');
    table.dropColumn('backfill_state');
  });
  await knex.schema.alterTable('data_plan_history', table => {
    table.dropIndex(['recorded_at'], 'data_plan_history_recorded_idx');
    table.dropUnique(
      ['entity_ref', 'commit_sha'],
      'data_plan_history_commit_uniq',
    );
    table.dropColumn('commit_sha');
    table.dropColumn('source');
  });
};
