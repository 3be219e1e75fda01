// @ts-check

/**
 * The active (not waived) findings of each project's stored result by rule: how many, and
 * the worst severity among them, which the facets' top findings and the `rule` filter read
 * without the evaluation JSON. Written with each new result, in its transaction; a row goes
 * with its project (the foreign key cascades).
 *
 * The rows of results stored before are derived here from their evaluations: an unchanged
 * plan is never evaluated again, so no later refresh would write them. The counting is
 * `countByRule` of data-plan-common as of this migration, kept here so that the migration
 * means the same whatever that function becomes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('data_plan_findings', table => {
    table
      .string('entity_ref', 255)
      .notNullable()
      .references('entity_ref')
      .inTable('data_plan_projects')
      .onDelete('CASCADE');
    table.string('rule', 100).notNullable();
    table.string('severity', 16).notNullable();
    table.integer('finding_count').notNullable();
    table.primary(['entity_ref', 'rule']);
    // The rule filter and the facets look projects up by rule.
    table.index(['rule', 'entity_ref'], 'data_plan_findings_rule_idx');
  });

  const severities = ['error', 'warning', 'info'];
  let after = '';
  for (;;) {
    const rows = await knex('data_plan_projects')
      .select('entity_ref', 'evaluation_json')
      .whereNotNull('evaluation_json')
      .where('entity_ref', '>', after)
      .orderBy('entity_ref')
      .limit(100);
    if (!rows.length) break;
    after = rows[rows.length - 1].entity_ref;
    const findings = [];
    for (const row of rows) {
      let evaluation;
      try {
        evaluation = JSON.parse(row.evaluation_json);
      } catch {
        continue;
      }
      /** @type {Map<string, { severity: string, count: number }>} */
      const byRule = new Map();
      for (const list of [evaluation?.diagnostics, evaluation?.findings]) {
        for (const item of Array.isArray(list) ? list : []) {
          if (item?.waiver !== undefined) continue;
          if (typeof item?.rule !== 'string' || item.rule.length > 100)
            continue;
          if (!severities.includes(item.severity)) continue;
          const counted = byRule.get(item.rule);
          if (!counted) {
            byRule.set(item.rule, { severity: item.severity, count: 1 });
          } else {
            counted.count++;
            if (
              severities.indexOf(item.severity) <
              severities.indexOf(counted.severity)
            ) {
              counted.severity = item.severity;
            }
          }
        }
      }
      for (const [rule, { severity, count }] of byRule) {
        findings.push({
          entity_ref: row.entity_ref,
          rule,
          severity,
          finding_count: count,
        });
      }
    }
    // Four values a row: well within every database's limit of bound values.
    for (let i = 0; i < findings.length; i += 200) {
      await knex('data_plan_findings').insert(findings.slice(i, i + 200));
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('data_plan_findings');
};
