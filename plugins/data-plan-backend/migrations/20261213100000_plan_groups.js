// @ts-check

/**
 * Roll-ups by system and by group.
 *
 * A project row keeps its system (`spec.system`, a lower-case entity ref), written with its
 * identity. `data_plan_groups` holds, per project, its owner (depth 0) and every group above
 * it in the org hierarchy (`spec.parent`, depth 1, 2, …), as lower-case entity refs: the
 * refresh cycle rewrites a project's rows only when they change. A group's roll-up and the
 * `group` filter read it by group.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('data_plan_projects', table => {
    table.string('system', 255).nullable();
    table.index(['system'], 'data_plan_projects_system_idx');
  });
  await knex.schema.createTable('data_plan_groups', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('group_ref', 255).notNullable();
    table.integer('depth').notNullable();
    table.primary(['entity_ref', 'group_ref']);
    table.index(['group_ref'], 'data_plan_groups_group_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('data_plan_groups');
  const client = String(knex.client.config.client);
  if (client === 'sqlite3' || client === 'better-sqlite3') {
    // knex drops a SQLite column by copying the table and dropping the old one, which
    // would cascade to every row of data_plan_findings: SQLite's own DROP COLUMN keeps it.
    await knex.raw('DROP INDEX data_plan_projects_system_idx');
    await knex.raw('ALTER TABLE data_plan_projects DROP COLUMN system');
    return;
  }
  await knex.schema.alterTable('data_plan_projects', table => {
    table.dropIndex(['system'], 'data_plan_projects_system_idx');
    table.dropColumn('system');
  });
};
