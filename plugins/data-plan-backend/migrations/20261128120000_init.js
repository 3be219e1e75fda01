// @ts-check

/**
 * One row per data project: where its plan comes from, the key of the stored result
 * (ETag or content hash, parser version, policy hash), the parsed plan and its evaluation,
 * and summary columns that listing, filtering and facets read without touching the JSON.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('data_plan_projects', table => {
    table.string('entity_ref', 255).primary().notNullable();
    table.string('name', 255).notNullable();
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable();
    table.text('search_text').notNullable().defaultTo('');
    // Where the plan is read from.
    table.string('source_type', 16).nullable();
    table.text('source_location').nullable();
    table.string('plan_path', 1024).nullable();
    // Key of the stored result.
    table.string('etag', 512).nullable();
    table.string('content_hash', 64).nullable();
    table.integer('parser_version').nullable();
    table.string('policy_hash', 32).nullable();
    // The result.
    table.text('plan_json', 'longtext').nullable();
    table.text('evaluation_json', 'longtext').nullable();
    // Summary columns.
    table.string('status', 16).nullable();
    table.string('plan_version', 64).nullable();
    table.integer('object_count').notNullable().defaultTo(0);
    table.integer('risk_total').notNullable().defaultTo(0);
    table.integer('risk_high').notNullable().defaultTo(0);
    table.integer('risk_unmitigated').notNullable().defaultTo(0);
    table.integer('risk_top_score').nullable();
    for (const p of ['low', 'medium', 'high']) {
      for (const i of ['low', 'medium', 'high']) {
        table.integer(`risk_${p}_${i}`).notNullable().defaultTo(0);
      }
    }
    table.integer('validation_pass').notNullable().defaultTo(0);
    table.integer('validation_fail').notNullable().defaultTo(0);
    table.integer('validation_pending').notNullable().defaultTo(0);
    table.integer('validation_unknown').notNullable().defaultTo(0);
    table.integer('error_count').notNullable().defaultTo(0);
    table.integer('warning_count').notNullable().defaultTo(0);
    table.integer('info_count').notNullable().defaultTo(0);
    // Higher is worse: errors, failed validation and unmitigated risks first.
    table.bigInteger('worst_score').notNullable().defaultTo(0);
    // Refresh state.
    table.timestamp('last_refreshed_at', { useTz: true }).nullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.timestamp('deleted_at', { useTz: true }).nullable();

    table.index(['deleted_at', 'worst_score'], 'data_plan_projects_worst_idx');
    table.index(['owner'], 'data_plan_projects_owner_idx');
    table.index(['status'], 'data_plan_projects_status_idx');
  });

  await knex.schema.createTable('data_plan_history', table => {
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.string('status', 16).nullable();
    table.string('plan_version', 64).nullable();
    table.text('summary_json').notNullable();
    table.index(['entity_ref', 'recorded_at'], 'data_plan_history_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('data_plan_history');
  await knex.schema.dropTable('data_plan_projects');
};
