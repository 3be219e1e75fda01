import {} from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { HISTORY_COUNT_COLUMNS } from './summaryColumns';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);
const directory = resolve(__dirname, '../../migrations');
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 9));

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  it('start each stored plan’s status_since when its current status began, by its history', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    // Back to the schema before status_since, with rows and history written then.
    await knex.migrate.down({
      directory,
      name: '20261201120000_status_since.js',
    });
    const project = (name: string, status: string | null, plan: boolean) => ({
      entity_ref: `component:default/${name}`,
      name,
      status,
      plan_json: plan ? '{}' : null,
    });
    await knex('data_plan_projects').insert([
      project('returned', 'REVIEW', true),
      project('no-status', null, true),
      project('never-read', 'DRAFT', false),
      project('no-history', 'DRAFT', true),
    ]);
    const history = (name: string, day: number, status: string | null) => ({
      entity_ref: `component:default/${name}`,
      recorded_at: at(day),
      status,
      summary_json: '{}',
    });
    await knex('data_plan_history').insert([
      history('returned', 1, 'DRAFT'),
      history('returned', 2, 'REVIEW'),
      history('returned', 3, 'DRAFT'),
      history('returned', 4, 'REVIEW'),
      history('returned', 5, 'REVIEW'),
      history('no-status', 2, null),
      history('no-status', 6, null),
      history('never-read', 1, 'DRAFT'),
    ]);

    await knex.migrate.latest({ directory });

    const rows = await knex('data_plan_projects')
      .select('name', 'status_since')
      .orderBy('name');
    const since = Object.fromEntries(
      rows.map(row => [
        row.name,
        row.status_since === null
          ? null
          : new Date(row.status_since).toISOString(),
      ]),
    );
    expect(since).toEqual({
      returned: at(4).toISOString(),
      'no-status': at(2).toISOString(),
      'never-read': null,
      'no-history': null,
    });
  });

  it('name the default as the policy of every result stored before policy names', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    await knex.migrate.down({
      directory,
      name: '20261201150000_policy_name.js',
    });
    await knex('data_plan_projects').insert([
      { entity_ref: 'component:default/read', name: 'read', plan_json: '{}' },
      { entity_ref: 'component:default/never-read', name: 'never-read' },
    ]);

    await knex.migrate.latest({ directory });

    const rows = await knex('data_plan_projects')
      .select('name', 'policy_name')
      .orderBy('name');
    expect(rows).toEqual([
      { name: 'never-read', policy_name: null },
      { name: 'read', policy_name: 'default' },
    ]);
  });

  it('mark every earlier history row live', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    await knex.migrate.down({
      directory,
      name: '20261210090000_history_backfill.js',
    });
    const row = (name: string, day: number) => ({
      entity_ref: `component:default/${name}`,
      recorded_at: at(day),
      summary_json: '{}',
    });
    await knex('data_plan_history').insert([row('a', 1), row('a', 2)]);

    await knex.migrate.latest({ directory });

    const rows = await knex('data_plan_history')
      .select('source', 'commit_sha')
      .orderBy('id');
    expect(rows).toEqual([
      { source: 'live', commit_sha: null },
      { source: 'live', commit_sha: null },
    ]);
  });

  it('copy the counts of every earlier history row out of its summary into their columns', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    await knex.migrate.down({
      directory,
      name: '20261212104100_history_counts.js',
    });
    const row = (day: number, summary: object) => ({
      entity_ref: 'component:default/a',
      recorded_at: at(day),
      summary_json: JSON.stringify(summary),
    });
    await knex('data_plan_history').insert([
      row(1, {
        error_count: 2,
        warning_count: 3,
        risk_unmitigated: 1,
        validation_pass: 4,
        validation_fail: 5,
        risk_total: 7,
      }),
      row(2, { error_count: null, warning_count: 0 }),
      row(3, {}),
    ]);

    await knex.migrate.latest({ directory });

    // The columns of that migration; later ones add their own.
    const rows = await knex('data_plan_history')
      .select(Object.values(HISTORY_COUNT_COLUMNS))
      .orderBy('id');
    for (const r of rows) delete r.repository_findings;
    expect(rows).toEqual([
      {
        error_count: 2,
        warning_count: 3,
        risk_unmitigated: 1,
        validation_pass: 4,
        validation_fail: 5,
      },
      {
        error_count: null,
        warning_count: 0,
        risk_unmitigated: null,
        validation_pass: null,
        validation_fail: null,
      },
      {
        error_count: null,
        warning_count: null,
        risk_unmitigated: null,
        validation_pass: null,
        validation_fail: null,
      },
    ]);
  });

  it('copy the drift of every earlier history row out of its summary into its column', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    await knex.migrate.down({
      directory,
      name: '20261216090000_history_drift.js',
    });
    const row = (day: number, summary: object) => ({
      entity_ref: 'component:default/a',
      recorded_at: at(day),
      summary_json: JSON.stringify(summary),
    });
    await knex('data_plan_history').insert([
      row(1, { error_count: 1 }),
      row(2, { error_count: 1, repository_findings: null }),
      row(3, { error_count: 1, repository_findings: 3 }),
    ]);

    await knex.migrate.latest({ directory });

    const rows = await knex('data_plan_history')
      .select(HISTORY_COUNT_COLUMNS.drift)
      .orderBy('id');
    expect(rows.map(r => r.repository_findings)).toEqual([null, null, 3]);
  });

  it('keep one history row per commit of a project, and any number without a commit', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    const row = (name: string, day: number) => ({
      entity_ref: `component:default/${name}`,
      recorded_at: at(day),
      summary_json: '{}',
    });
    await knex('data_plan_history').insert([row('a', 1), row('a', 2)]);
    const sha = 'a'.repeat(40);
    await knex('data_plan_history').insert([
      { ...row('a', 3), source: 'backfill', commit_sha: sha },
      { ...row('b', 3), source: 'backfill', commit_sha: sha },
    ]);
    // Rows without a commit are not constrained by it.
    await knex('data_plan_history').insert(row('a', 4));
    await expect(
      knex('data_plan_history').insert({
        ...row('a', 5),
        source: 'backfill',
        commit_sha: sha,
      }),
      // The driver's error may come from another realm than jest's Error: its message.
    ).rejects.toMatchObject({ message: expect.stringMatching(/unique/i) });
  });

  it('roll the roll-ups back without losing the findings of any project', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    await knex('data_plan_projects').insert({
      entity_ref: 'component:default/a',
      name: 'a',
      system: 'system:default/s',
    });
    await knex('data_plan_findings').insert({
      entity_ref: 'component:default/a',
      rule: 'placeholder',
      severity: 'warning',
      finding_count: 1,
    });

    await knex.migrate.down({
      directory,
      name: '20261213100000_plan_groups.js',
    });

    expect(
      Number((await knex('data_plan_findings').count({ n: '*' }))[0].n),
    ).toBe(1);
    expect(await knex.schema.hasColumn('data_plan_projects', 'system')).toBe(
      false,
    );
  });

  it('derive the findings by rule of every stored result, active findings only', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    await knex.migrate.down({
      directory,
      name: '20261212100000_plan_findings.js',
    });
    const waiver = {
      reason: 'r',
      approvedBy: 'group:default/a',
      expires: '2099-12-31',
    };
    const finding = (rule: string, severity: string, waived = false) => ({
      key: `${rule}:${severity}`,
      rule,
      severity,
      message: rule,
      ...(waived ? { waiver } : {}),
    });
    await knex('data_plan_projects').insert([
      {
        entity_ref: 'component:default/a',
        name: 'a',
        plan_json: '{}',
        evaluation_json: JSON.stringify({
          diagnostics: [finding('placeholder', 'warning')],
          findings: [
            finding('placeholder', 'error'),
            finding('unmitigated-risk', 'warning', true),
          ],
        }),
      },
      { entity_ref: 'component:default/never-read', name: 'never-read' },
    ]);

    await knex.migrate.latest({ directory });

    expect(
      await knex('data_plan_findings').select(
        'entity_ref',
        'rule',
        'severity',
        'finding_count',
      ),
    ).toEqual([
      {
        entity_ref: 'component:default/a',
        rule: 'placeholder',
        severity: 'error',
        finding_count: 2,
      },
    ]);
  });
});
