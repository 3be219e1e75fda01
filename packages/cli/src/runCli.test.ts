import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { EXIT_USAGE, runCli } from './runCli';

const examples = resolve(__dirname, '../../../examples/data-projects');
const salesOrders = join(examples, 'sales-orders/PLAN.md');

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: t => out.push(t),
    stderr: t => err.push(t),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'data-plan-cli-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('data-plan', () => {
  it('prints its version and usage', async () => {
    expect((await run('--version')).stdout.trim()).toBe(
      require('../package.json').version,
    );
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: data-plan/);
    expect(help.stdout).toMatch(/inspect .*\n.*lint .*\n.*check .*\n.*order /s);
  });

  it('exits 2 on an unknown command or option', async () => {
    expect(await run('frobnicate')).toMatchObject({
      code: EXIT_USAGE,
      stderr: expect.stringMatching(/unknown command 'frobnicate'/),
    });
    expect(await run('lint', '--frobnicate', salesOrders)).toMatchObject({
      code: EXIT_USAGE,
    });
  });
});

describe('data-plan inspect', () => {
  it('prints status, validation, risks and deploy order', async () => {
    const { code, stdout } = await run('inspect', salesOrders);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Status\s+IN_PROGRESS/);
    expect(stdout).toMatch(
      /✗ Test Pass Rate\s+technical\s+target 100%\s+actual 92%\s+fail/,
    );
    expect(stdout).toMatch(
      /9\s+high\/high\s+Late-arriving POS orders\s+\(no mitigation\)/,
    );
    expect(stdout).toMatch(/1\. SALES_DB\.RAW\.CUSTOMERS_RAW/);
  });

  it('prints the parsed plan with its evaluation as JSON, keyed as the model contract says', async () => {
    const { code, stdout } = await run('inspect', '--json', salesOrders);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    for (const key of [
      'metadata',
      'layers',
      'objects',
      'tests',
      'deployment',
      'validation',
      'risks',
      'approvals',
      'diagnostics',
      'evaluation',
    ]) {
      expect(json).toHaveProperty(key);
    }
    expect(json.metadata.effort).toEqual({ storyPoints: 21, hours: 64 });
    expect(json.objects[0]).toMatchObject({
      name: 'SALES_DB.RAW.ORDERS_RAW',
      layer: 'raw',
      kind: 'table',
      dependencies: [],
    });
    expect(json.evaluation.deployOrder).toHaveLength(7);
  });
});

describe('data-plan lint', () => {
  it('prints FILE:LINE rule message and exits 0 without errors', async () => {
    const { code, stdout } = await run('lint', salesOrders);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `${salesOrders}:226 validation-failed Test Pass Rate: actual 92% misses the target 100%\n`,
    );
    expect(stdout.trim().split('\n').pop()).toBe(
      '0 errors, 3 warnings, 0 info',
    );
  });

  it('exits 1 when the plan has an error', async () => {
    const file = join(scratch, 'bad-status.md');
    const text = (await readFile(salesOrders, 'utf8')).replace(
      '`IN_PROGRESS`',
      '`FINISHED`',
    );
    await writeFile(file, text);
    const { code, stdout } = await run('lint', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      new RegExp(
        `^${file.replace(
          /[.*+?^${}()|[\]\\]/g,
          '\\$&',
        )}:13 unknown-status Status 'FINISHED'`,
        'm',
      ),
    );
  });

  it('prints JSON with --format json', async () => {
    const { code, stdout } = await run('lint', '--format', 'json', salesOrders);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      file: salesOrders,
      counts: { error: 0, warning: 3, info: 0 },
    });
  });

  it('applies a policy file, and names the key of a bad one', async () => {
    const policy = join(scratch, 'policy.json');
    await writeFile(
      policy,
      JSON.stringify({ severities: { 'validation-failed': 'error' } }),
    );
    expect((await run('lint', '--policy', policy, salesOrders)).code).toBe(1);

    await writeFile(policy, JSON.stringify({ highRiskScore: 12 }));
    expect(await run('lint', '--policy', policy, salesOrders)).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: `data-plan: ${policy}: highRiskScore must be a whole number from 1 to 9\n`,
    });
  });
});

describe('data-plan lint waivers', () => {
  const riskWaiver = [
    '  - rule: unmitigated-risk',
    '    match: { risk: Late-arriving POS orders }',
    '    reason: The POS vendor fixes the feed in Q3',
    '    approvedBy: group:default/data-leads',
    '    expires: 2026-12-31',
  ];
  const errorPolicy = () => join(scratch, 'risk-error.yaml');

  /** A project folder with the sample plan and, when given, its waiver file. */
  async function project(name: string, waivers?: string[]) {
    const dir = join(scratch, name);
    await mkdir(join(dir, '.dataplan'), { recursive: true });
    await cp(salesOrders, join(dir, 'PLAN.md'));
    if (waivers) {
      await writeFile(
        join(dir, '.dataplan/waivers.yaml'),
        ['waivers:', ...waivers].join('\n'),
      );
    }
    return join(dir, 'PLAN.md');
  }

  beforeAll(async () => {
    await writeFile(errorPolicy(), 'severities: { unmitigated-risk: error }\n');
  });

  it('.dataplan/waivers.yaml beside the plan waives a finding: shown as waived, and it fails nothing', async () => {
    const plan = await project('waived', riskWaiver);
    const args = [
      'lint',
      plan,
      '--policy',
      errorPolicy(),
      '--today',
      '2026-06-01',
    ];

    const { code, stdout } = await run(...args);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `${plan}:261 unmitigated-risk Risk 'Late-arriving POS orders' has high impact and no mitigation (waived until 2026-12-31 by group:default/data-leads: The POS vendor fixes the feed in Q3)\n`,
    );
    expect(stdout.trim().split('\n').pop()).toBe(
      '0 errors, 2 warnings, 0 info, 1 waived',
    );

    const json = JSON.parse((await run(...args, '--format', 'json')).stdout);
    expect(json).toMatchObject({
      waivers: join(scratch, 'waived/.dataplan/waivers.yaml'),
      counts: { error: 0, warning: 2, info: 0 },
    });
    expect(
      json.diagnostics.find(
        (d: { rule: string }) => d.rule === 'unmitigated-risk',
      ),
    ).toMatchObject({
      severity: 'error',
      waiver: { approvedBy: 'group:default/data-leads', expires: '2026-12-31' },
    });

    expect((await run(...args, '--no-waivers')).code).toBe(1);
  });

  it('reads --waivers instead of the default file', async () => {
    const plan = await project('other-file');
    const file = join(scratch, 'other-waivers.yaml');
    await writeFile(file, ['waivers:', ...riskWaiver].join('\n'));
    const args = [
      'lint',
      plan,
      '--policy',
      errorPolicy(),
      '--today',
      '2026-06-01',
    ];

    expect((await run(...args)).code).toBe(1);
    expect((await run(...args, '--waivers', file)).code).toBe(0);
  });

  it('reports expired, too long and unused waivers against the waiver file', async () => {
    const plan = await project('judged', [
      ...riskWaiver,
      '  - rule: validation-failed',
      '    match: { criterion: Test Pass Rate }',
      '    reason: flaky suite',
      '    approvedBy: jane',
      '    expires: 2026-05-31',
      '  - rule: placeholder',
      '    match: { line: 3 }',
      '    reason: nothing there',
      '    approvedBy: jane',
      '    expires: 2026-06-30',
    ]);
    const policy = join(scratch, 'short-waivers.yaml');
    await writeFile(policy, 'maxWaiverDays: 90\n');
    const waivers = join(scratch, 'judged/.dataplan/waivers.yaml');

    const { code, stdout } = await run(
      'lint',
      plan,
      '--policy',
      policy,
      '--today',
      '2026-06-01',
    );
    expect(code).toBe(1);
    expect(stdout).toContain(
      `${waivers} waiver-invalid Waiver waivers[0] of unmitigated-risk for risk 'Late-arriving POS orders' waives nothing: it expires 2026-12-31, 213 days from 2026-06-01, more than the policy's 90 (maxWaiverDays)\n`,
    );
    expect(stdout).toContain(
      `${waivers} waiver-expired Waiver waivers[1] of validation-failed for criterion 'Test Pass Rate' expired on 2026-05-31 and waives nothing\n`,
    );
    expect(stdout).toContain(
      `${waivers} waiver-unused Waiver waivers[2] of placeholder for line 3 matches no finding\n`,
    );
    expect(stdout.trim().split('\n').pop()).toBe('1 error, 4 warnings, 1 info');
  });

  it('names the file and line of a waiver file that is not YAML, and refuses a missing --waivers', async () => {
    const plan = await project('broken', ['  - rule: x', '   bad: [']);
    const waivers = join(scratch, 'broken/.dataplan/waivers.yaml');
    const result = await run('lint', plan);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(
      new RegExp(
        `^data-plan: ${waivers.replace(
          /[.*+?^${}()|[\]\\]/g,
          '\\$&',
        )}:3: is not valid YAML \\(.+\\)\n$`,
      ),
    );

    const missing = join(scratch, 'no-such-waivers.yaml');
    expect(await run('lint', salesOrders, '--waivers', missing)).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: `data-plan: ${missing}: no such file\n`,
    });
  });

  it('refuses a --today that is not a date', async () => {
    const result = await run('lint', salesOrders, '--today', '2026-02-30');
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toContain('must be a date YYYY-MM-DD');
  });

  it('reads a hostile waiver file without a stack: non-text values, a huge list', async () => {
    const plan = await project('hostile', [
      '  - { rule: 42, match: { object: [A] }, reason: {}, approvedBy: 7, expires: 20260101 }',
      ...Array.from(
        { length: 1500 },
        () =>
          '  - { rule: a, match: { line: 1 }, reason: r, approvedBy: jane, expires: 2026-06-30 }',
      ),
    ]);
    const { code, stdout, stderr } = await run(
      'lint',
      plan,
      '--today',
      '2026-06-01',
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('waiver-invalid waivers[0].rule must be text');
    expect(stdout).toContain(
      'waiver-invalid waivers has 1501 entries; only the first 1000 are read',
    );
  });

  it('refuses a deeply nested waiver file in one line', async () => {
    const deep = join(scratch, 'deep-waivers.yaml');
    await writeFile(deep, `waivers: ${'['.repeat(100_000)}`);
    const result = await run('lint', salesOrders, '--waivers', deep);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(new RegExp(`^data-plan: ${deep}`));
  });
});

describe('data-plan --policy', () => {
  const scoped = [
    'default:',
    '  severities: { unmitigated-risk: info }',
    'scopes:',
    '  - name: sales-production',
    '    match: { owner: team-a, lifecycle: production, tags: [pii] }',
    '    policy:',
    '      statusGates:',
    '        APPROVED: { minApprovedReviewers: 3 }',
    '  - name: sales',
    '    match: { owner: [team-b, team-a] }',
    '    policy:',
    '      severities: { validation-failed: error }',
    '',
  ].join('\n');

  it('reads a YAML policy', async () => {
    const policy = join(scratch, 'policy.yaml');
    await writeFile(
      policy,
      'severities:\n  validation-failed: error\n  unmitigated-risk: off\n',
    );
    const { code, stdout } = await run('lint', '--policy', policy, salesOrders);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^2 errors, 0 warnings, 0 info$/m);
  });

  it('applies the first scope of a scoped file that the project’s facts match', async () => {
    const policy = join(scratch, 'scoped.yaml');
    await writeFile(policy, scoped);
    const lint = (...facts: string[]) =>
      run('lint', '--policy', policy, ...facts, salesOrders);

    const production = await lint(
      '--owner',
      'group:default/team-a',
      '--lifecycle',
      'Production',
      '--tag',
      'pii',
      '--tag',
      'finance',
    );
    expect(production.code).toBe(1);
    expect(production.stdout).toMatch(
      /:\d+ status-gate Plan is IN_PROGRESS but 2 of 2 reviewers approved it \(status gate minApprovedReviewers: 3\)$/m,
    );
    expect(production.stdout).toMatch(/^1 error, 2 warnings, 1 info$/m);

    // Without the pii tag the first scope does not match; the second does.
    const sales = await lint('--owner', 'team-a', '--lifecycle', 'production');
    expect(sales.stdout).toMatch(/^2 errors, 0 warnings, 1 info$/m);

    // No scope matches: the default alone.
    expect((await lint('--owner', 'team-c')).stdout).toMatch(
      /^0 errors, 2 warnings, 1 info$/m,
    );
    expect((await lint()).code).toBe(0);
  });

  it('names the scope it applied in inspect', async () => {
    const policy = join(scratch, 'scoped.yaml');
    await writeFile(policy, scoped);
    const { stdout } = await run(
      'inspect',
      '--policy',
      policy,
      '--owner',
      'team-b',
      salesOrders,
    );
    expect(stdout).toMatch(/^Policy {6}sales$/m);
    expect(
      (await run('inspect', '--policy', policy, salesOrders)).stdout,
    ).toMatch(/^Policy {6}default$/m);
  });

  it('names the nested field of a bad scoped file', async () => {
    const policy = join(scratch, 'bad-scope.yaml');
    await writeFile(
      policy,
      scoped.replace('minApprovedReviewers: 3', 'minApprovedReviewers: many'),
    );
    expect(await run('lint', '--policy', policy, salesOrders)).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: `data-plan: ${policy}: scopes[0].policy.statusGates.APPROVED.minApprovedReviewers must be a whole number, at least 0\n`,
    });

    await writeFile(policy, 'default:\n  severity: {}\n');
    expect((await run('lint', '--policy', policy, salesOrders)).stderr).toBe(
      `data-plan: ${policy}: default.severity is not a policy field: use one of severities, validationTargets, mitigationRequiredFrom, highRiskScore, requiredSections, statusGates, maxWaiverDays, stuckAfterDays\n`,
    );
  });

  it('refuses a file that is not YAML, JSON or a policy, in one line', async () => {
    const yaml = join(scratch, 'broken.yaml');
    await writeFile(yaml, 'severities: {placeholder: off\n');
    const broken = await run('lint', '--policy', yaml, salesOrders);
    expect(broken.code).toBe(EXIT_USAGE);
    expect(broken.stderr).toMatch(
      new RegExp(`^data-plan: ${yaml}: is not valid YAML \\(.+\\)\n$`),
    );

    const json = join(scratch, 'broken.json');
    await writeFile(json, '{"severities": ');
    expect((await run('lint', '--policy', json, salesOrders)).stderr).toMatch(
      new RegExp(`^data-plan: ${json}: is not valid JSON \\(.+\\)\n$`),
    );

    const list = join(scratch, 'list.yaml');
    await writeFile(list, '- severities\n');
    expect((await run('lint', '--policy', list, salesOrders)).stderr).toBe(
      `data-plan: ${list}: the policy must be an object\n`,
    );
  });

  it('refuses deeply nested YAML and JSON in one line', async () => {
    for (const [name, text] of [
      ['deep.yaml', '['.repeat(100_000)],
      [
        'deep.json',
        `{"severities": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      ],
    ]) {
      const file = join(scratch, name);
      await writeFile(file, text);
      const result = await run('lint', '--policy', file, salesOrders);
      expect(result.code).toBe(EXIT_USAGE);
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr).toMatch(new RegExp(`^data-plan: ${file}: `));
    }
  });
});

describe('data-plan order', () => {
  it('prints one object per line, dependencies first', async () => {
    const { code, stdout } = await run(
      'order',
      join(examples, 'customer-360/PLAN.md'),
    );
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      'MKT_DB.RAW.CRM_CONTACTS',
      'MKT_DB.RAW.WEB_EVENTS',
      'MKT_DB.TRANSFORM.CUSTOMER_PROFILE',
      'MKT_DB.ANALYTICS.CUSTOMER_360',
      'MKT_DB.TRANSFORM.NIGHTLY_PROFILE_TASK',
    ]);
  });

  it('exits 1 and names a cycle', async () => {
    const file = join(scratch, 'cycle.md');
    const text = (
      await readFile(join(examples, 'customer-360/PLAN.md'), 'utf8')
    ).replace(
      '- File: `src/raw/tables/crm_contacts.sql`',
      '- File: `src/raw/tables/crm_contacts.sql`\n- Dependencies: CUSTOMER_360',
    );
    await writeFile(file, text);
    const { code, stderr } = await run('order', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /dependency cycle among MKT_DB\.RAW\.CRM_CONTACTS, MKT_DB\.TRANSFORM\.CUSTOMER_PROFILE, MKT_DB\.ANALYTICS\.CUSTOMER_360/,
    );
  });
});

describe('data-plan check', () => {
  it('passes a complete project and fails one whose planned file is missing', async () => {
    const project = join(scratch, 'customer-360');
    await cp(join(examples, 'customer-360'), project, { recursive: true });
    expect(await run('check', project)).toMatchObject({
      code: 0,
      stdout: '0 errors, 0 warnings, 0 info\n',
    });

    await rm(join(project, 'src/raw/tables/web_events.sql'));
    await writeFile(join(project, 'src/raw/tables/stray.sql'), 'SELECT 1;');
    const { code, stdout } = await run('check', project);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'missing-object-file MKT_DB.RAW.WEB_EVENTS: planned file src/raw/tables/web_events.sql does not exist',
    );
    expect(stdout).toContain(
      'orphan-sql-file src/raw/tables/stray.sql is not named by any step of the plan',
    );
  });

  it('reports the one drift of sales-orders and its unused dependency, and prints the figures in JSON', async () => {
    const project = join(examples, 'sales-orders');
    const plan = join(project, 'PLAN.md');
    expect(await run('check', project)).toEqual({
      code: 0,
      stdout: [
        `${plan} orphan-sql-file src/consumption/views/weekly_sales.sql is not named by any step of the plan`,
        `${plan}:119 sql-unused-dependency SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK lists ORDERS_CLEAN in its Dependencies, but its SQL (src/transformation/tasks/refresh_orders_task.sql) does not use it`,
        '0 errors, 1 warning, 1 info\n',
      ].join('\n'),
      stderr: '',
    });
    const json = JSON.parse(
      (await run('check', project, '--format', 'json')).stdout,
    );
    expect(json).toMatchObject({
      plan: join(project, 'PLAN.md'),
      counts: { error: 0, warning: 1, info: 1 },
      findings: [
        expect.objectContaining({ rule: 'orphan-sql-file' }),
        expect.objectContaining({ rule: 'sql-unused-dependency' }),
      ],
      orphans: ['src/consumption/views/weekly_sales.sql'],
      listing: { truncated: false },
      figures: {
        filesPlanned: 7,
        filesPresent: 7,
        unitTestCoverage: 1,
        deployCoverage: 1,
      },
    });
    expect(json.objects).toHaveLength(7);
    expect(json.lineage).toHaveLength(7);
    expect(
      json.lineage.find(
        (l: any) => l.object === 'SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK',
      ),
    ).toMatchObject({ understood: true, unused: ['ORDERS_CLEAN'] });
  });

  it('reports SQL that uses a planned object its Dependencies do not list, never a name in a comment', async () => {
    const project = join(scratch, 'customer-lineage');
    await cp(join(examples, 'customer-360'), project, { recursive: true });
    const view = join(project, 'src/consumption/views/customer_360.sql');
    await writeFile(
      view,
      [
        'CREATE OR REPLACE VIEW MKT_DB.ANALYTICS.CUSTOMER_360 AS',
        '-- FROM MKT_DB.RAW.CRM_CONTACTS is a comment',
        "SELECT p.*, 'JOIN MKT_DB.TRANSFORM.NIGHTLY_PROFILE_TASK' AS NOTE",
        'FROM MKT_DB.TRANSFORM.CUSTOMER_PROFILE p',
        'JOIN MKT_DB.RAW.WEB_EVENTS w ON w.EMAIL = p.EMAIL;',
      ].join('\n'),
    );
    const { code, stdout } = await run('check', project);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `${join(
        project,
        'PLAN.md',
      )}:88 sql-undeclared-dependency MKT_DB.ANALYTICS.CUSTOMER_360 uses MKT_DB.RAW.WEB_EVENTS (join, src/consumption/views/customer_360.sql line 5), which its Dependencies do not list\n0 errors, 1 warning, 0 info\n`,
    );
  });

  it("applies the policy's severities to the repository rules", async () => {
    const policy = join(scratch, 'check-policy.yaml');
    await writeFile(policy, 'severities: { orphan-sql-file: error }\n');
    const project = join(examples, 'sales-orders');
    expect((await run('check', project, '--policy', policy)).code).toBe(1);
    await writeFile(
      policy,
      'severities: { orphan-sql-file: off, sql-unused-dependency: off }\n',
    );
    expect(await run('check', project, '--policy', policy)).toMatchObject({
      code: 0,
      stdout: '0 errors, 0 warnings, 0 info\n',
    });
  });

  it("applies the waivers of repository rules from the project's waiver file, and leaves the others to lint", async () => {
    const project = join(scratch, 'sales-waived');
    await cp(join(examples, 'sales-orders'), project, { recursive: true });
    await mkdir(join(project, '.dataplan'), { recursive: true });
    const waivers = join(project, '.dataplan/waivers.yaml');
    await writeFile(
      waivers,
      [
        'waivers:',
        '  - rule: orphan-sql-file',
        '    match: { file: src/consumption/views/weekly_sales.sql }',
        '    reason: Planned in the next version of the plan',
        '    approvedBy: group:default/data-leads',
        '    expires: 2026-12-31',
        '  - rule: sql-unused-dependency',
        '    match: { object: SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK }',
        '    reason: Ordered after the cleaned table on purpose',
        '    approvedBy: group:default/data-leads',
        '    expires: 2026-12-31',
        '  - rule: unmitigated-risk',
        '    match: { risk: Late-arriving POS orders }',
        '    reason: The POS vendor fixes the feed in Q3',
        '    approvedBy: group:default/data-leads',
        '    expires: 2026-12-31',
      ].join('\n'),
    );
    const checked = await run('check', project, '--today', '2026-06-01');
    expect(checked.stdout).toBe(
      `${join(
        project,
        'PLAN.md',
      )} orphan-sql-file src/consumption/views/weekly_sales.sql is not named by any step of the plan (waived until 2026-12-31 by group:default/data-leads: Planned in the next version of the plan)\n${join(
        project,
        'PLAN.md',
      )}:119 sql-unused-dependency SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK lists ORDERS_CLEAN in its Dependencies, but its SQL (src/transformation/tasks/refresh_orders_task.sql) does not use it (waived until 2026-12-31 by group:default/data-leads: Ordered after the cleaned table on purpose)\n0 errors, 0 warnings, 0 info, 2 waived\n`,
    );
    const linted = await run(
      'lint',
      join(project, 'PLAN.md'),
      '--today',
      '2026-06-01',
    );
    expect(linted.stdout).not.toMatch(
      /waiver-unused|orphan-sql-file|sql-unused-dependency/,
    );
    expect(linted.stdout).toMatch(
      /unmitigated-risk .*\(waived until 2026-12-31/,
    );
    expect((await run('check', project, '--no-waivers')).stdout).toMatch(
      /0 errors, 1 warning, 1 info\n$/,
    );
  });

  it("finds the plan through catalog-info.yaml's dataplan/plan annotation", async () => {
    const project = join(scratch, 'annotated');
    await cp(join(examples, 'customer-360'), project, { recursive: true });
    await cp(join(project, 'PLAN.md'), join(project, 'docs-plan.md'));
    await rm(join(project, 'PLAN.md'));
    await writeFile(
      join(project, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n  annotations:\n    dataplan/plan: docs-plan.md\nspec:\n  type: data-project\n',
    );
    expect((await run('check', project)).code).toBe(0);
  });
});

describe('bad input', () => {
  it.each([
    [
      'a missing file',
      () => ['lint', join(scratch, 'missing.md')],
      /^data-plan: .*missing\.md: no such file\n$/,
    ],
    [
      'a directory instead of a file',
      () => ['inspect', scratch],
      /^data-plan: .*: is a directory, not a plan file\n$/,
    ],
    [
      'a file instead of a directory',
      () => ['check', salesOrders],
      /^data-plan: .*PLAN\.md: is not a directory; check takes the project folder\n$/,
    ],
  ])('gets a one-line error and exit 2 for %s', async (_, args, message) => {
    const result = await run(...args());
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('gets a one-line error for a binary file', async () => {
    const file = join(scratch, 'plan.bin');
    await writeFile(file, Buffer.from([0, 1, 2, 3]));
    expect(await run('lint', file)).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: `data-plan: ${file}: looks like a binary file, not a Markdown plan\n`,
    });
  });
});

describe('bin/data-plan', () => {
  it('runs from the sources without a build step', async () => {
    const bin = resolve(__dirname, '../bin/data-plan');
    const { stdout } = await promisify(execFile)(process.execPath, [
      bin,
      'order',
      salesOrders,
    ]);
    expect(stdout.split('\n')[0]).toBe('SALES_DB.RAW.CUSTOMERS_RAW');
  }, 60_000);
});
