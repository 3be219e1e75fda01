import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { applyWaivers } from '../plan/applyWaivers';
import { parsePlan } from '../plan/parsePlan';
import { parseWaiverFile } from '../plan/waiverFile';
import { edit } from '../plan/__testUtils__';
import { AstSqlLineageReader } from '../sqlParser';
import { checkSqlLineage } from '../sql/lineageRules';
import { tolerantSqlLineageReader } from '../sql/sqlLineageReader';
import { checkRepository } from './checkRepository';
import { driftCount } from './repositoryEvaluation';
import {
  inMemoryProjectFiles,
  ProjectFileError,
  ProjectFiles,
} from './ProjectFiles';
import { CheckRepositoryOptions } from './repositoryReport';

const EXAMPLES = resolve(__dirname, '../../../../examples/data-projects');

/** A sample project's files, path to text. */
function sample(name: string): Map<string, string> {
  const root = join(EXAMPLES, name);
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        files.set(
          relative(root, path).split(sep).join('/'),
          readFileSync(path, 'utf8'),
        );
    }
  };
  walk(root);
  return files;
}

/** The files with one edited, failing loudly when the text is not there. */
function editFile(
  files: Map<string, string>,
  path: string,
  from: string,
  to: string,
) {
  files.set(path, edit(files.get(path)!, from, to));
}

/** Records the paths read. */
function recording(files: ProjectFiles): ProjectFiles & { read: string[] } {
  const read: string[] = [];
  return {
    read,
    list: () => files.list(),
    readText: path => {
      read.push(path);
      return files.readText(path);
    },
  };
}

async function check(
  files: Map<string, string>,
  options: CheckRepositoryOptions = {},
) {
  const plan = parsePlan(files.get('PLAN.md')!);
  return checkRepository(plan, inMemoryProjectFiles(files), options);
}

async function rules(
  files: Map<string, string>,
  options: CheckRepositoryOptions = {},
) {
  return (await check(files, options)).findings.map(
    f => `${f.rule} ${f.message}`,
  );
}

describe('checkRepository on the samples', () => {
  it('finds nothing in customer-360, which is complete, and reports full coverage', async () => {
    const report = await check(sample('customer-360'));
    expect(report.findings).toEqual([]);
    expect(report.orphans).toEqual([]);
    expect(report.figures).toEqual({
      filesPlanned: 5,
      filesPresent: 5,
      unitTestCoverage: 1,
      unitTestCoverageByLayer: { raw: 1, transformation: 1, consumption: 1 },
      deployCoverage: 1,
      rollbackCoverage: 1,
    });
    expect(report.objects[0]).toEqual({
      key: 'object:MKT_DB.RAW.CRM_CONTACTS',
      name: 'MKT_DB.RAW.CRM_CONTACTS',
      kind: 'table',
      layer: 'raw',
      file: 'src/raw/tables/crm_contacts.sql',
      fileExists: true,
      testPath: 'tests/unit/raw/crm_contacts.sql',
      testExists: true,
      deployed: true,
      rollback: true,
      backup: true,
    });
    expect(report.objects[3]).toMatchObject({ kind: 'view', backup: null });
  });

  it('finds one drift in sales-orders, a SQL file no step names, and a dependency its SQL does not use', async () => {
    const report = await check(sample('sales-orders'));
    expect(report.findings).toEqual([
      {
        key: 'orphan-sql-file:file:src/consumption/views/weekly_sales.sql',
        severity: 'warning',
        rule: 'orphan-sql-file',
        message:
          'src/consumption/views/weekly_sales.sql is not named by any step of the plan',
      },
      {
        key: 'sql-unused-dependency:object:SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK:dependency:ORDERS_CLEAN',
        severity: 'info',
        rule: 'sql-unused-dependency',
        message:
          'SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK lists ORDERS_CLEAN in its Dependencies, but its SQL (src/transformation/tasks/refresh_orders_task.sql) does not use it',
        line: 119,
      },
    ]);
    expect(driftCount(report)).toBe(1);
    expect(report.orphans).toEqual(['src/consumption/views/weekly_sales.sql']);
  });
});

describe('checkRepository SQL lineage', () => {
  let files: Map<string, string>;
  beforeEach(() => {
    files = sample('customer-360');
  });
  const readers = [
    ['the tolerant reader', tolerantSqlLineageReader],
    ['the AST reader', new AstSqlLineageReader()],
  ] as const;

  it.each(readers)(
    'finds the samples SQL as planned with %s, and gives each object its lineage',
    async (_, reader) => {
      const report = await check(files, { sqlLineage: reader });
      expect(report.findings).toEqual([]);
      expect(
        report.lineage.map(l => [
          l.object,
          l.understood,
          l.uses.map(u => u.planned),
          l.undeclared,
          l.unused,
        ]),
      ).toEqual([
        ['MKT_DB.RAW.CRM_CONTACTS', true, [], [], []],
        ['MKT_DB.RAW.WEB_EVENTS', true, [], [], []],
        [
          'MKT_DB.TRANSFORM.CUSTOMER_PROFILE',
          true,
          ['object:MKT_DB.RAW.CRM_CONTACTS', 'object:MKT_DB.RAW.WEB_EVENTS'],
          [],
          [],
        ],
        [
          'MKT_DB.ANALYTICS.CUSTOMER_360',
          true,
          ['object:MKT_DB.TRANSFORM.CUSTOMER_PROFILE'],
          [],
          [],
        ],
        [
          'MKT_DB.TRANSFORM.NIGHTLY_PROFILE_TASK',
          true,
          ['object:MKT_DB.TRANSFORM.CUSTOMER_PROFILE'],
          [],
          [],
        ],
      ]);
      expect(report.lineage[2].path).toBe(
        'src/transformation/tables/customer_profile.sql',
      );
      const sales = await check(sample('sales-orders'), { sqlLineage: reader });
      // The task's SQL calls LOAD_ORDERS and never reads ORDERS_CLEAN, which the plan lists.
      expect(sales.findings.map(f => f.rule)).toEqual([
        'orphan-sql-file',
        'sql-unused-dependency',
      ]);
      expect(sales.lineage.every(l => l.understood)).toBe(true);
    },
  );

  it.each(readers)(
    'reports a planned object the SQL uses that its Dependencies do not list, never one in a comment or string, with %s',
    async (_, reader) => {
      editFile(
        files,
        'src/consumption/views/customer_360.sql',
        'FROM MKT_DB.TRANSFORM.CUSTOMER_PROFILE;',
        [
          '-- FROM MKT_DB.TRANSFORM.NIGHTLY_PROFILE_TASK is not read',
          'FROM MKT_DB.TRANSFORM.CUSTOMER_PROFILE p',
          'JOIN MKT_DB.RAW.WEB_EVENTS w ON w.EMAIL = p.EMAIL',
          "WHERE p.EMAIL <> 'JOIN MKT_DB.RAW.CRM_CONTACTS';",
        ].join('\n'),
      );
      const report = await check(files, { sqlLineage: reader });
      expect(report.findings).toEqual([
        {
          key: 'sql-undeclared-dependency:object:MKT_DB.ANALYTICS.CUSTOMER_360:uses:MKT_DB.RAW.WEB_EVENTS',
          severity: 'warning',
          rule: 'sql-undeclared-dependency',
          message:
            'MKT_DB.ANALYTICS.CUSTOMER_360 uses MKT_DB.RAW.WEB_EVENTS (join, src/consumption/views/customer_360.sql line 5), which its Dependencies do not list',
          line: 88,
        },
      ]);
      expect(report.lineage[3].undeclared.map(u => u.planned)).toEqual([
        'object:MKT_DB.RAW.WEB_EVENTS',
      ]);

      // Judged as the repository rules are: the policy's severities, waivers by object.
      const offed = await check(files, {
        sqlLineage: reader,
        policy: { severities: { 'sql-undeclared-dependency': 'error' } },
      });
      expect(offed.findings.map(f => f.severity)).toEqual(['error']);
      const waived = applyWaivers(
        report.findings,
        [
          {
            index: 0,
            rule: 'sql-undeclared-dependency',
            match: { object: 'mkt_db.analytics.customer_360' },
            reason: 'Read for the web sessions until the plan is amended',
            approvedBy: 'user:default/alice',
            expires: '2099-01-01',
          },
        ],
        { today: '2026-01-01' },
      );
      expect(waived.map(f => [f.rule, f.waiver?.approvedBy])).toEqual([
        ['sql-undeclared-dependency', 'user:default/alice'],
      ]);
    },
  );

  it('reads each planned file once, within the budget, and says what was not understood', async () => {
    editFile(
      files,
      'src/raw/tables/web_events.sql',
      'CREATE',
      'GRANT SELECT ON ALL TABLES TO ROLE X; CREATE',
    );
    files.set('src/raw/tables/crm_contacts.sql', '-- nothing yet\n');
    const recorded = recording(inMemoryProjectFiles(files));
    const report = await checkRepository(
      parsePlan(files.get('PLAN.md')!),
      recorded,
    );
    expect(report.findings.map(f => f.rule)).toEqual(
      expect.arrayContaining(['sql-not-understood', 'object-not-deployed']),
    );
    expect(report.lineage[0]).toMatchObject({
      object: 'MKT_DB.RAW.CRM_CONTACTS',
      understood: false,
    });
    expect(new Set(recorded.read).size).toBe(recorded.read.length);

    // Past the byte budget, files are not read for lineage: the budget's finding says so.
    const spent = await check(files, { maxBytes: 200 });
    expect(spent.lineage).toEqual([]);
    expect(spent.findings.map(f => f.rule)).toEqual([
      'repository-budget-exceeded',
    ]);
  });

  it('runs the lineage rules through a runner given instead of a reader', async () => {
    const seen: string[] = [];
    const report = await check(files, {
      sqlLineage: async (plan, sqlByObject) => {
        seen.push(...sqlByObject.keys());
        return checkSqlLineage(plan, sqlByObject, tolerantSqlLineageReader);
      },
    });
    expect(seen).toEqual(report.objects.map(o => o.key));
    expect(report.lineage).toHaveLength(5);
    expect(report.findings).toEqual([]);
  });
});

describe('checkRepository rules', () => {
  let files: Map<string, string>;
  beforeEach(() => {
    files = sample('customer-360');
  });

  it('reports a planned object without its file, and one whose file is in another folder', async () => {
    files.delete('src/raw/tables/crm_contacts.sql');
    files.set(
      'src/transformation/tables/web_events.sql',
      files.get('src/raw/tables/web_events.sql')!,
    );
    files.delete('src/raw/tables/web_events.sql');
    const found = (await check(files)).findings.filter(
      f => f.severity === 'error',
    );
    expect(found.map(f => `${f.rule} ${f.message}`).sort()).toEqual(
      [
        'missing-object-file MKT_DB.RAW.CRM_CONTACTS: planned file src/raw/tables/crm_contacts.sql does not exist',
        "misplaced-object-file MKT_DB.RAW.WEB_EVENTS: planned file src/raw/tables/web_events.sql is at src/transformation/tables/web_events.sql, in another layer's or kind's folder",
        'missing-include deploy/deploy.sql:3 includes "src/raw/tables/web_events.sql", which does not exist',
        'missing-include deploy/deploy.sql:2 includes "src/raw/tables/crm_contacts.sql", which does not exist',
        'object-not-deployed MKT_DB.RAW.CRM_CONTACTS is not created by deploy/deploy.sql or the files it runs',
        'object-not-deployed MKT_DB.RAW.WEB_EVENTS is not created by deploy/deploy.sql or the files it runs',
      ].sort(),
    );
    expect(found.find(f => f.rule === 'missing-object-file')).toMatchObject({
      key: 'missing-object-file:object:MKT_DB.RAW.CRM_CONTACTS',
      line: 74,
    });
  });

  it('reports SQL files under src/ that no step names, and only SQL files there', async () => {
    files.set('src/raw/tables/stray.SQL', 'SELECT 1;');
    files.set('src/raw/tables/notes.md', '# notes');
    files.set('deploy/extra.sql', 'SELECT 1;');
    const report = await check(files);
    expect(report.orphans).toEqual(['src/raw/tables/stray.SQL']);
    expect(report.findings.map(f => f.key)).toEqual([
      'orphan-sql-file:file:src/raw/tables/stray.SQL',
    ]);
  });

  it('reports objects without a unit test, and the coverage of each layer', async () => {
    files.delete('tests/unit/raw/web_events.sql');
    const report = await check(files);
    expect(report.findings).toEqual([
      {
        key: 'missing-unit-test:object:MKT_DB.RAW.WEB_EVENTS',
        severity: 'warning',
        rule: 'missing-unit-test',
        message:
          'MKT_DB.RAW.WEB_EVENTS has no unit test file tests/unit/raw/web_events.sql',
        line: 78,
      },
    ]);
    expect(report.figures.unitTestCoverage).toBe(0.8);
    expect(report.figures.unitTestCoverageByLayer).toEqual({
      raw: 0.5,
      transformation: 1,
      consumption: 1,
    });
  });

  it('reports missing folders of the layout, the backup folder among them', async () => {
    for (const path of [...files.keys()]) {
      if (path.startsWith('backups/')) files.delete(path);
    }
    expect(await rules(files)).toEqual([
      'missing-directory Folder backups/ of the layered layout is missing',
      'missing-backup-folder Backup Location backups/2026-07-14/2.0.1/ of section 6.3 holds no file',
    ]);
  });

  it('reports an object the deploy does not create, and one created before what it depends on', async () => {
    editFile(
      files,
      'deploy/deploy.sql',
      '!source src/consumption/views/customer_360.sql\n',
      '',
    );
    editFile(
      files,
      'deploy/deploy.sql',
      '!source src/raw/tables/web_events.sql\n',
      '',
    );
    files.set(
      'deploy/deploy.sql',
      `${files.get(
        'deploy/deploy.sql',
      )}!source ../src/raw/tables/web_events.sql\n`,
    );
    const report = await check(files);
    expect(report.findings.map(f => `${f.rule} ${f.message}`)).toEqual([
      'deploy-out-of-order MKT_DB.TRANSFORM.CUSTOMER_PROFILE is created (src/transformation/tables/customer_profile.sql:1) before MKT_DB.RAW.WEB_EVENTS (src/raw/tables/web_events.sql:1), which it depends on',
      'object-not-deployed MKT_DB.ANALYTICS.CUSTOMER_360 is not created by deploy/deploy.sql or the files it runs',
    ]);
    expect(report.findings[0].key).toBe(
      'deploy-out-of-order:object:MKT_DB.TRANSFORM.CUSTOMER_PROFILE:dependency:MKT_DB.RAW.WEB_EVENTS',
    );
    expect(report.figures.deployCoverage).toBe(0.8);
  });

  it('follows includes relative to the including file, then to the project root', async () => {
    files.set('deploy/deploy.sql', '!source parts/all.sql\n');
    files.set(
      'deploy/parts/all.sql',
      [
        '!source ../../src/raw/tables/crm_contacts.sql',
        '!source src/raw/tables/web_events.sql',
        '!source tables.sql',
      ].join('\n'),
    );
    files.set(
      'deploy/parts/tables.sql',
      [
        '!source ../../src/transformation/tables/customer_profile.sql',
        '!source ../../src/consumption/views/customer_360.sql',
        '!source ../../src/transformation/tasks/nightly_profile_task.sql',
      ].join('\n'),
    );
    expect(await rules(files)).toEqual([]);
  });

  it('reports include cycles and includes that leave the project, and never reads them', async () => {
    const deploy = files.get('deploy/deploy.sql')!;
    files.set(
      'deploy/deploy.sql',
      `!source a.sql\n${deploy}!source ../../../etc/passwd\n!source /etc/passwd\n`,
    );
    files.set('deploy/a.sql', '!source b.sql\n');
    files.set('deploy/b.sql', '!source a.sql\n!source deploy.sql\n');
    const project = recording(inMemoryProjectFiles(files));
    const report = await checkRepository(
      parsePlan(files.get('PLAN.md')!),
      project,
    );
    expect(report.findings.map(f => `${f.rule} ${f.message}`)).toEqual([
      'include-cycle deploy/b.sql:1 includes "a.sql", which closes the cycle deploy/a.sql → deploy/b.sql → deploy/a.sql; it is not followed',
      'include-cycle deploy/b.sql:2 includes "deploy.sql", which closes the cycle deploy/deploy.sql → deploy/a.sql → deploy/b.sql → deploy/deploy.sql; it is not followed',
      'unsafe-include deploy/deploy.sql:8 includes "../../../etc/passwd", which leaves the project; it is not followed',
      'unsafe-include deploy/deploy.sql:9 includes "/etc/passwd", which is absolute; it is not followed',
    ]);
    expect(project.read.filter(p => p.includes('passwd'))).toEqual([]);
    expect(report.figures.deployCoverage).toBe(1);
  });

  it('expands an included file once per script and reads it once', async () => {
    files.set(
      'deploy/deploy.sql',
      `${files.get(
        'deploy/deploy.sql',
      )}!source src/raw/tables/web_events.sql\n`,
    );
    const project = recording(inMemoryProjectFiles(files));
    const report = await checkRepository(
      parsePlan(files.get('PLAN.md')!),
      project,
    );
    expect(report.findings).toEqual([]);
    expect(
      project.read.filter(p => p === 'src/raw/tables/web_events.sql'),
    ).toHaveLength(1);
  });

  it('reports deployed objects the rollback script neither drops nor restores, and a missing rollback script', async () => {
    editFile(
      files,
      'deploy/rollback.sql',
      'DROP VIEW IF EXISTS MKT_DB.ANALYTICS.CUSTOMER_360;\n',
      '',
    );
    const report = await check(files);
    expect(report.findings.map(f => `${f.rule} ${f.message}`)).toEqual([
      'missing-rollback MKT_DB.ANALYTICS.CUSTOMER_360 is deployed but deploy/rollback.sql neither drops nor restores it',
    ]);
    expect(report.figures.rollbackCoverage).toBe(0.8);

    files.delete('deploy/rollback.sql');
    expect(await rules(files)).toEqual([
      'missing-rollback-script No rollback script: 5.2 names none and deploy/rollback.sql does not exist',
    ]);
  });

  it('takes a table as backed up by a clone in the backup script or in the deploy before its create', async () => {
    files.delete('deploy/backup.sql');
    expect(await rules(files)).toEqual([
      'missing-backup MKT_DB.RAW.CRM_CONTACTS is a table and no clone of it is taken before the deploy (deploy/deploy.sql)',
      'missing-backup MKT_DB.RAW.WEB_EVENTS is a table and no clone of it is taken before the deploy (deploy/deploy.sql)',
      'missing-backup MKT_DB.TRANSFORM.CUSTOMER_PROFILE is a table and no clone of it is taken before the deploy (deploy/deploy.sql)',
    ]);
    files.set(
      'deploy/deploy.sql',
      `CREATE TABLE MKT_DB.BACKUP.CRM CLONE MKT_DB.RAW.CRM_CONTACTS;\nCREATE TABLE MKT_DB.BACKUP.WEB CLONE WEB_EVENTS;\n${files.get(
        'deploy/deploy.sql',
      )}CREATE TABLE MKT_DB.BACKUP.PROFILE CLONE MKT_DB.TRANSFORM.CUSTOMER_PROFILE;\n`,
    );
    const report = await check(files);
    expect(report.findings.map(f => f.key)).toEqual([
      'missing-backup:object:MKT_DB.TRANSFORM.CUSTOMER_PROFILE',
    ]);
    expect(report.objects.map(o => o.backup)).toEqual([
      true,
      true,
      false,
      null,
      null,
    ]);
  });

  it('reports a missing backup location, and scripts of 5.2 that do not exist', async () => {
    files.set(
      'PLAN.md',
      edit(
        edit(
          files.get('PLAN.md')!,
          '- Backup Location: backups/2026-07-14/2.0.1/\n',
          '',
        ),
        '- Validation: deploy/validate.sql',
        '- Validation: deploy/check_counts.sql',
      ),
    );
    expect(await rules(files)).toEqual([
      'missing-script deploy/check_counts.sql, named in 5.2 as a validation script, does not exist',
      'missing-backup-location Section 6.3 sets no Backup Location',
    ]);
  });

  it('uses the deploy and rollback scripts 5.2 names, and reports a named one that is missing', async () => {
    files.set('deploy/undo.sql', files.get('deploy/rollback.sql')!);
    files.delete('deploy/rollback.sql');
    files.set(
      'PLAN.md',
      edit(
        files.get('PLAN.md')!,
        '- Validation: deploy/validate.sql\n',
        '- Validation: deploy/validate.sql\n- Script: deploy/undo.sql\n- Purpose: Roll back the deployment\n- Script: deploy/tasks.sql\n- Purpose: Create the tasks\n',
      ),
    );
    expect(await rules(files)).toEqual([
      'missing-script deploy/tasks.sql, named in 5.2 as a migration script, does not exist',
    ]);
  });

  it('reports unsafe listed paths and never reads them', async () => {
    const hostile = [
      '../outside.sql',
      'src/raw/tables/a\\b.sql',
      'src/raw/tables/\u0000.sql',
      `src/${'x'.repeat(2000)}.sql`,
      '/etc/passwd',
      'src//raw/x.sql',
    ];
    for (const path of hostile) files.set(path, 'SELECT 1;');
    const project = recording(inMemoryProjectFiles(files));
    const report = await checkRepository(
      parsePlan(files.get('PLAN.md')!),
      project,
    );
    expect(report.findings.map(f => `${f.rule} ${f.message}`).sort()).toEqual(
      [
        'unsafe-path Listed path "../outside.sql" has a . or .. segment; it is not read',
        'unsafe-path Listed path "src/raw/tables/a\\\\b.sql" holds a backslash; it is not read',
        'unsafe-path Listed path "src/raw/tables/\\u0000.sql" holds a control character; it is not read',
        `unsafe-path Listed path "src/${'x'.repeat(
          116,
        )}…" is longer than 1024 characters; it is not read`,
        'unsafe-path Listed path "/etc/passwd" is absolute; it is not read',
        'unsafe-path Listed path "src//raw/x.sql" has an empty segment; it is not read',
      ].sort(),
    );
    expect(project.read.filter(p => hostile.includes(p))).toEqual([]);
    expect(report.orphans).toEqual([]);
  });

  it('reports many unsafe paths in a bounded number of findings', async () => {
    for (let i = 0; i < 500; i++) files.set(`../${i}.sql`, '');
    const found = (await check(files)).findings;
    expect(found).toHaveLength(51);
    expect(found[50].message).toBe(
      '450 more listed paths are not safe project paths; they are not read',
    );
  });

  it('says so when the listing is truncated, looks for no orphan, and reads what it must', async () => {
    files.set('src/raw/tables/stray.sql', 'SELECT 1;');
    const report = await check(files, { maxFiles: 10 });
    expect(report.findings.map(f => f.rule)).toEqual(['listing-truncated']);
    expect(report.listing).toEqual({ paths: 10, truncated: true });
    expect(report.orphans).toEqual([]);
    expect(report.figures.filesPresent).toBe(5);

    const listed = inMemoryProjectFiles(files, { truncated: true });
    const truncated = await checkRepository(
      parsePlan(files.get('PLAN.md')!),
      listed,
    );
    expect(truncated.findings.map(f => f.rule)).toEqual(['listing-truncated']);
    // Where the reader stopped is no drift.
    expect(driftCount(report)).toBe(0);
    expect(driftCount(truncated)).toBe(0);
  });

  it('stops at its statement and byte budgets and says so rather than guess', async () => {
    expect(await rules(files, { maxStatements: 3 })).toEqual([
      'repository-budget-exceeded The repository checks stopped reading at 3 statements; objects, rollbacks and backups the unread files might create are not judged',
    ]);
    const byBytes = await check(files, { maxBytes: 200 });
    expect(byBytes.findings.map(f => f.rule)).toEqual([
      'repository-budget-exceeded',
    ]);
    expect(driftCount(byBytes)).toBe(0);
    const bigFile = await check(files, { maxFileBytes: 100 });
    expect(bigFile.findings.map(f => f.rule)).toContain('unreadable-file');
    expect(bigFile.findings.map(f => f.rule)).not.toContain(
      'object-not-deployed',
    );
  });

  it('follows includes no deeper than its limit, and says so', async () => {
    files.set('deploy/deploy.sql', '!source chain/0.sql\n');
    for (let i = 0; i < 100; i++) {
      files.set(`deploy/chain/${i}.sql`, `!source ${i + 1}.sql\n`);
    }
    const found = await rules(files);
    expect(found).toEqual([
      'repository-budget-exceeded The repository checks stopped reading at includes nested 64 deep (deploy/chain/62.sql:1); objects, rollbacks and backups the unread files might create are not judged',
    ]);
  });

  it('takes a large listing in its stride', async () => {
    for (let i = 0; i < 50_000; i++) {
      files.set(`docs/${i % 100}/${'d/'.repeat(i % 20)}${i}.md`, '');
    }
    const report = await check(files);
    expect(report.findings).toEqual([]);
    expect(report.listing.paths).toBe(files.size);
  });

  it('reports a file not read on purpose, and carries on', async () => {
    const failing: ProjectFiles = {
      list: () => inMemoryProjectFiles(files).list(),
      readText: async path => {
        if (path === 'deploy/rollback.sql') {
          throw new ProjectFileError(
            'deploy/rollback.sql is not a regular file',
          );
        }
        return files.get(path);
      },
    };
    const report = await checkRepository(
      parsePlan(files.get('PLAN.md')!),
      failing,
    );
    expect(report.findings.map(f => `${f.rule} ${f.message}`)).toEqual([
      'unreadable-file "deploy/rollback.sql" could not be read: deploy/rollback.sql is not a regular file',
    ]);
  });

  it('fails, with no report, when a file cannot be read for another reason', async () => {
    const failing: ProjectFiles = {
      list: () => inMemoryProjectFiles(files).list(),
      readText: async path => {
        if (path === 'deploy/rollback.sql')
          throw new Error('503 from the host');
        return files.get(path);
      },
    };
    await expect(
      checkRepository(parsePlan(files.get('PLAN.md')!), failing),
    ).rejects.toThrow('503 from the host');
  });

  it("stops at the reader's byte budget with one finding, and reads no more", async () => {
    const read: string[] = [];
    const spent: ProjectFiles = {
      list: () => inMemoryProjectFiles(files).list(),
      readText: async path => {
        read.push(path);
        if (read.length > 2) {
          throw new ProjectFileError('1000 bytes (maxBytes)', 'budget');
        }
        return files.get(path);
      },
    };
    const report = await checkRepository(
      parsePlan(files.get('PLAN.md')!),
      spent,
    );
    expect(report.findings.map(f => `${f.rule} ${f.message}`)).toEqual([
      'repository-budget-exceeded The repository checks stopped reading at 1000 bytes (maxBytes); objects, rollbacks and backups the unread files might create are not judged',
    ]);
    expect(read).toHaveLength(3);
    expect(driftCount(report)).toBe(0);
  });

  it('knows the files past the examined paths from the names listed, unread', async () => {
    const complete = await check(files);
    const project = recording(inMemoryProjectFiles(files));
    const cut = await checkRepository(
      parsePlan(files.get('PLAN.md')!),
      project,
      { maxFiles: 10 },
    );
    expect(cut.listing).toEqual({ paths: 10, truncated: true });
    expect(cut.figures.filesPresent).toBe(complete.figures.filesPlanned);
    expect(cut.figures.unitTestCoverage).toBe(1);
    // Unit tests are only looked for: their names answer, none is read.
    expect(project.read.filter(path => path.startsWith('tests/'))).toEqual([]);
  });

  it('asks a truncated listing whether a file it left out exists', async () => {
    const all = await inMemoryProjectFiles(files).list();
    const complete = await check(files);
    const exists = jest.fn(async (path: string) => files.has(path));
    const truncated: ProjectFiles = {
      list: async () => ({ paths: all.paths.slice(0, 10), truncated: true }),
      readText: async path => files.get(path),
      exists,
    };
    const report = await checkRepository(
      parsePlan(files.get('PLAN.md')!),
      truncated,
    );
    expect(report.figures.filesPresent).toBe(complete.figures.filesPlanned);
    expect(report.figures.unitTestCoverage).toBe(1);
    expect(exists).toHaveBeenCalled();
  });

  it("goes through the policy's severities, and its findings are waivable by object", async () => {
    files.delete('tests/unit/raw/web_events.sql');
    files.set('src/raw/tables/stray.sql', 'SELECT 1;');
    const report = await check(files, {
      policy: {
        severities: { 'orphan-sql-file': 'off', 'missing-unit-test': 'error' },
      },
    });
    expect(report.findings.map(f => `${f.severity} ${f.rule}`)).toEqual([
      'error missing-unit-test',
    ]);
    const waived = applyWaivers(
      report.findings,
      [
        {
          index: 0,
          rule: 'missing-unit-test',
          match: { object: 'mkt_db.raw.web_events' },
          reason: 'Tested upstream',
          approvedBy: 'user:default/carol',
          expires: '2099-01-01',
        },
      ],
      { today: '2026-01-01' },
    );
    expect(waived).toEqual([
      expect.objectContaining({
        rule: 'missing-unit-test',
        waiver: expect.objectContaining({ reason: 'Tested upstream' }),
      }),
    ]);
  });

  it('waives findings about a file or folder by its path, and no other', async () => {
    files.set('src/raw/tables/stray.sql', 'SELECT 1;');
    files.set('src/raw/tables/other.sql', 'SELECT 1;');
    files.set(
      'deploy/deploy.sql',
      `${files.get('deploy/deploy.sql')}!source deploy/gone.sql\n`,
    );
    files.delete('src/raw/views/.gitkeep');
    const { findings } = await check(files);
    const entry = (rule: string, file: string) => ({
      rule,
      match: { file },
      reason: 'Accepted for the migration',
      approvedBy: 'group:default/data-leads',
      expires: '2099-12-31',
    });
    const file = parseWaiverFile({
      waivers: [
        entry('orphan-sql-file', './src/raw/tables/stray.sql'),
        entry('missing-include', 'deploy/deploy.sql'),
        entry('missing-directory', 'src/raw/views/'),
        entry('missing-include', 'deploy/other.sql'),
      ],
    });
    expect(file.problems).toEqual([]);
    const waived = applyWaivers(findings, file, { today: '2026-01-01' });
    expect(
      waived.map(f => `${f.rule} ${f.waiver ? 'waived' : 'open'} ${f.key}`),
    ).toEqual([
      'missing-directory waived missing-directory:directory:src/raw/views',
      'orphan-sql-file open orphan-sql-file:file:src/raw/tables/other.sql',
      'orphan-sql-file waived orphan-sql-file:file:src/raw/tables/stray.sql',
      'missing-include waived missing-include:file:deploy/deploy.sql:include:deploy/gone.sql',
      'waiver-unused open waiver-unused:waiver:missing-include:file:deploy/other.sql',
    ]);
  });
});
