// @ts-check

/**
 * The outbox of the notices a project's owners are sent.
 *
 * A notice is written in the transaction that detects it (a new result's, or the cycle's
 * check for stuck plans and expiring waivers), once: a row is unique per project, kind and
 * event key (hashed, as keys hold plan text of any length). The sender claims a pending row
 * with compare-and-set (`claim_id`, held until `claimed_until`), sends it, and marks it
 * sent; a claim whose replica stopped is taken over once it ends. `attempts` and
 * `next_attempt_at` space out retries after a failed send.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('data_plan_notices', table => {
    table.bigIncrements('id');
    table
      .string('entity_ref', 255)
      .notNullable()
      .references('entity_ref')
      .inTable('data_plan_projects')
      .onDelete('CASCADE');
    table.string('kind', 32).notNullable();
    table.string('key_hash', 64).notNullable();
    table.string('scope', 255).notNullable();
    table.string('severity', 16).notNullable();
    table.text('title').notNullable();
    table.text('description').nullable();
    table.text('link').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('sent_at', { useTz: true }).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.string('claim_id', 64).nullable();
    table.timestamp('claimed_until', { useTz: true }).nullable();
    table.unique(['entity_ref', 'kind', 'key_hash'], {
      indexName: 'data_plan_notices_event_idx',
    });
    // The sender reads the pending rows, oldest first.
    table.index(['sent_at', 'id'], 'data_plan_notices_pending_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('data_plan_notices');
};
