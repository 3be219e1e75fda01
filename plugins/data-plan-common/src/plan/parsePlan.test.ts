import { edit, fixture, lineOf, samplePlan } from './__testUtils__';
import { parsePlan } from './parsePlan';
import { ParsedPlan, PLAN_SECTION_HEADINGS, PLAN_SECTION_KEYS } from './types';

function rules(plan: ParsedPlan) {
  return plan.diagnostics.map(d => d.rule);
}

function diagnostic(plan: ParsedPlan, rule: string) {
  return plan.diagnostics.find(d => d.rule === rule);
}

describe('parsePlan on the raw template', () => {
  const text = fixture('seed-template');
  const plan = parsePlan(text);

  it('reads every section without errors, only placeholder warnings', () => {
    expect(plan.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    expect(new Set(rules(plan))).toEqual(new Set(['placeholder']));
    expect(Object.keys(plan.sections).sort()).toEqual([
      'approvals',
      'deployment',
      'directoryStructure',
      'implementationSteps',
      'metadata',
      'overview',
      'resources',
      'risks',
      'rollback',
      'testing',
      'validation',
    ]);
  });

  it('recognises the Status pick-list as an unfilled placeholder', () => {
    expect(plan.metadata.status).toBeUndefined();
    expect(plan.diagnostics).toContainEqual({
      key: 'placeholder:field:metadata:status',
      severity: 'warning',
      rule: 'placeholder',
      message:
        "Status still holds the template placeholder 'DRAFT | REVIEW | APPROVED | IN_PROGRESS | COMPLETE'",
      line: lineOf(text, '**Status**'),
    });
  });

  it('reports placeholders in metadata, objects, tests, reviewers and approval with their lines', () => {
    const placeholderLines = plan.diagnostics.map(d => d.line);
    for (const needle of [
      '**Project ID**',
      '**Generated Date**',
      '[layer1]',
      '- Object: {object_name}',
      '- Test: {test_item}',
      '[NAME] |',
      'Approved for Implementation: [YES/NO]',
      'DROP TABLE IF EXISTS [new_table];',
    ]) {
      expect(placeholderLines).toContain(lineOf(text, needle));
    }
    expect(plan.objects).toEqual([]);
    expect(plan.tests).toEqual([]);
    expect(plan.approvals.reviewers).toEqual([]);
    expect(plan.layers).toEqual([]);
  });

  it('keeps what the template does fill in', () => {
    expect(plan.metadata.planVersion).toBe('1.0.0');
    expect(plan.phases.map(p => p.title)).toEqual([
      'Foundation Setup',
      'Core Implementation',
      'Automation',
    ]);
    expect(plan.phases[0].steps[0]).toMatchObject({
      id: '1.1',
      title: 'Directory Creation',
      files: [
        'src/raw/tables/',
        'src/raw/views/',
        'src/raw/tasks/',
        'src/raw/procedures/',
      ],
      commands: [
        'mkdir -p src/{raw|transformation|consumption}/{tables|views|tasks|procedures}',
      ],
    });
    expect(plan.deployment.sequence).toHaveLength(6);
    expect(plan.deployment.sequence[5]).toEqual({
      order: 6,
      objectType: 'Procedures',
      layer: 'Raw',
      validationStep: 'Parameter validation',
    });
    expect(
      plan.validation.technical.map(c => [c.criteria, c.target, c.result]),
    ).toEqual([
      ['Object Creation', '100%', 'pending'],
      ['Test Pass Rate', '100%', 'pending'],
      ['Performance', '< 5s', 'pending'],
      ['Data Quality', '0', 'pending'],
    ]);
    expect(plan.validation.business.map(c => c.criteria)).toEqual([
      'Requirement Coverage',
      'Data Accuracy',
      'Timeliness',
    ]);
    expect(
      plan.risks.map(r => [r.risk, r.probability, r.impact, r.score]),
    ).toEqual([
      ['Context overflow', 'medium', 'high', 6],
      ['Snowflake limits', 'low', 'medium', 2],
      ['Dependency issues', 'medium', 'medium', 4],
    ]);
    expect(plan.rollback.triggers).toEqual([
      'Any test failure',
      'Data loss detected',
      'Breaking existing functionality',
    ]);
    expect(plan.rollback.scenarios[0].commands).toHaveLength(3);
    expect(plan.contextManagement.maxContextUsage).toBe('40%');
    expect(plan.contingencies.map(c => c.trigger)).toEqual([
      'If context exceeds 40%',
      'If Snowflake errors occur',
    ]);
    expect(plan.testSequence).toEqual([
      'Unit tests (all layers)',
      'Integration tests',
      'Data validation tests',
      'Performance tests',
    ]);
    expect(plan.resources.map(r => r.resource)).toEqual([
      'Warehouse',
      'Warehouse',
      'Storage',
    ]);
  });
});

describe('parsePlan on the sample projects', () => {
  it('reads the IN_PROGRESS sample in full', () => {
    const text = samplePlan('sales-orders');
    const plan = parsePlan(text);

    expect(plan.diagnostics).toEqual([]);
    expect(plan.metadata).toEqual({
      projectId: 'SALES-2026-10-014',
      planVersion: '1.2.0',
      linkedResearchVersion: 'research-1.1',
      linkedSpecVersion: 'spec-1.3',
      generatedDate: '2026-10-02 09:30 UTC',
      generatedBy: 'bob',
      effort: { storyPoints: 21, hours: 64 },
      status: 'IN_PROGRESS',
    });
    expect(plan.layers).toEqual(['raw', 'transformation', 'consumption']);
    expect(plan.objects).toHaveLength(7);
    expect(plan.objects[3]).toEqual({
      key: 'object:SALES_DB.TRANSFORM.ORDERS_ENRICHED',
      name: 'SALES_DB.TRANSFORM.ORDERS_ENRICHED',
      file: 'src/transformation/views/orders_enriched.sql',
      layer: 'transformation',
      kind: 'view',
      dependencies: ['ORDERS_CLEAN', 'CUSTOMERS_RAW'],
      step: '2.2',
      phaseIndex: 1,
      stepIndex: 1,
      line: lineOf(text, '- Object: SALES_DB.TRANSFORM.ORDERS_ENRICHED'),
    });
    expect(plan.objects[4].dependencies).toEqual(['ORDERS_ENRICHED']);
    expect(plan.objects[5].definition).toMatch(/^COPY INTO ORDERS_RAW/);
    expect(plan.tests.map(t => [t.category, t.file])).toEqual([
      ['unit', 'tests/unit/raw/orders_raw.sql'],
      ['unit', 'tests/unit/transformation/orders_clean.sql'],
      ['unit', 'tests/unit/consumption/daily_sales.sql'],
      ['integration', 'tests/integration/stage_to_daily_sales.sql'],
      ['validation', 'tests/validation/ledger_reconciliation.sql'],
    ]);
    expect(plan.tests[0].validations).toEqual([
      'Column count equals the POS export',
      'ORDER_ID is never null',
    ]);
    expect(plan.deployment.scripts).toEqual([
      {
        script: 'deploy/deploy.sql',
        purpose: 'Create all objects in correct order',
        validation: 'deploy/validate.sql',
      },
    ]);
    expect(plan.rollback.backupLocation).toBe('backups/2026-10-02/1.2.0/');
    expect(plan.validation.technical.map(c => c.result)).toEqual([
      'pass',
      'fail',
      'pass',
      'pending',
    ]);
    expect(plan.validation.business.map(c => [c.actual, c.result])).toEqual([
      ['80%', 'fail'],
      [undefined, 'pending'],
      ['20 minutes', 'pass'],
    ]);
    expect(plan.risks[0]).toEqual({
      key: 'risk:Late-arriving POS orders',
      risk: 'Late-arriving POS orders',
      probability: 'high',
      impact: 'high',
      score: 9,
      line: lineOf(text, 'Late-arriving POS orders'),
    });
    expect(plan.approvals.reviewers.map(r => [r.name, r.status])).toEqual([
      ['Bob Okafor', 'APPROVED'],
      ['Alice Moreau', 'APPROVED'],
    ]);
    expect(plan.approvals.execution).toEqual({
      approved: true,
      approvedBy: 'Alice Moreau',
      date: '2026-10-04',
      scheduledStart: '2026-10-06 09:00',
      expectedCompletion: '2026-10-24 17:00',
    });
  });

  it('reads the COMPLETE sample without a diagnostic', () => {
    const plan = parsePlan(samplePlan('customer-360'));
    expect(plan.diagnostics).toEqual([]);
    expect(plan.metadata.status).toBe('COMPLETE');
    expect(plan.objects.map(o => o.kind)).toEqual([
      'table',
      'table',
      'table',
      'view',
      'task',
    ]);
  });

  it('reads the DRAFT sample with its placeholders and its unknown dependency', () => {
    const text = samplePlan('inventory-forecast');
    const plan = parsePlan(text);
    expect(plan.metadata.status).toBe('DRAFT');
    expect(plan.metadata.effort).toEqual({ storyPoints: 8 });
    expect(plan.objects.map(o => o.name)).toEqual([
      'SCM_DB.RAW.SHIPMENTS',
      'SCM_DB.TRANSFORM.WEEKLY_MOVEMENTS',
    ]);
    expect(diagnostic(plan, 'unknown-dependency')).toEqual({
      key: 'unknown-dependency:object:SCM_DB.TRANSFORM.WEEKLY_MOVEMENTS:dependency:SALES_DAILY',
      severity: 'warning',
      rule: 'unknown-dependency',
      message:
        'SCM_DB.TRANSFORM.WEEKLY_MOVEMENTS depends on SALES_DAILY, which no step of the plan defines',
      line: lineOf(text, '- Object: SCM_DB.TRANSFORM.WEEKLY_MOVEMENTS'),
    });
    expect(plan.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
  });
});

describe('how people write plans', () => {
  const base = fixture('complete-plan');

  it('reads CRLF line endings with the same lines', () => {
    const crlf = parsePlan(base.replace(/\n/g, '\r\n'));
    const lf = parsePlan(base);
    expect(crlf).toEqual(lf);
  });

  it('reads tables with and without outer pipes, tab padding, bold and backticked cells', () => {
    const text = edit(
      base,
      'Consent flags out of date |\tLow |\tHigh |\tNightly sync from the consent service, alert on lag',
      '| **Consent flags out of date** |\t`low`\t| HIGH | Nightly sync |',
    );
    const plan = parsePlan(text);
    expect(plan.risks[0]).toMatchObject({
      risk: 'Consent flags out of date',
      probability: 'low',
      impact: 'high',
      mitigation: 'Nightly sync',
    });
    expect(plan.diagnostics).toEqual([]);
  });

  it('accepts lower-case and spaced statuses', () => {
    const plan = parsePlan(edit(base, '`COMPLETE`', 'in progress'));
    expect(plan.metadata.status).toBe('IN_PROGRESS');
  });

  it('splits dependencies written as a list, in brackets or in code spans', () => {
    const plan = parsePlan(
      edit(
        base,
        '- Dependencies: CRM_CONTACTS, WEB_EVENTS',
        '- Dependencies: [`CRM_CONTACTS`, `WEB_EVENTS`]',
      ),
    );
    expect(plan.objects[2].dependencies).toEqual([
      'CRM_CONTACTS',
      'WEB_EVENTS',
    ]);
    expect(plan.diagnostics).toEqual([]);
  });

  it('accepts the template’s own spelling “Defintion”', () => {
    const plan = parsePlan(base);
    expect(plan.objects[4].definition).toBe(
      'Rebuild CUSTOMER_PROFILE at 02:00 UTC',
    );
  });

  it('reads a plan without a level-1 title', () => {
    const plan = parsePlan(base.replace('# IMPLEMENTATION PLAN\n', ''));
    expect(plan.metadata.status).toBe('COMPLETE');
    expect(plan.diagnostics).toEqual([]);
  });
});

describe('diagnostics', () => {
  const base = fixture('complete-plan');

  function expectDiagnostic(
    text: string,
    rule: string,
    severity: string,
    needle: string,
  ) {
    const plan = parsePlan(text);
    const found = plan.diagnostics.filter(d => d.rule === rule);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe(severity);
    expect(found[0].line).toBe(lineOf(text, needle));
    return found[0];
  }

  it('reads each section under the heading the template gives it', () => {
    const text = PLAN_SECTION_KEYS.map(
      key => `## ${PLAN_SECTION_HEADINGS[key]}\n`,
    ).join('\n');
    const plan = parsePlan(text);
    expect(Object.keys(plan.sections)).toEqual([...PLAN_SECTION_KEYS]);
    expect(plan.diagnostics.map(d => d.rule)).not.toContain('missing-section');
  });

  it('missing-section names the section', () => {
    const start = base.indexOf('## 8. RESOURCE ALLOCATION');
    const end = base.indexOf('## 9. RISK MANAGEMENT');
    const plan = parsePlan(base.slice(0, start) + base.slice(end));
    expect(plan.diagnostics).toEqual([
      {
        key: 'missing-section:field:section:8. RESOURCE ALLOCATION',
        severity: 'warning',
        rule: 'missing-section',
        message: "Section '8. RESOURCE ALLOCATION' is missing",
      },
    ]);
  });

  it('not-a-plan for text without plan sections', () => {
    expect(rules(parsePlan('Hello\n\nworld'))).toEqual(['not-a-plan']);
    expect(rules(parsePlan(''))).toEqual(['not-a-plan']);
  });

  it('unknown-status', () => {
    const text = edit(base, '`COMPLETE`', '`FINISHED`');
    expect(
      expectDiagnostic(text, 'unknown-status', 'error', '**Status**').message,
    ).toMatch(
      /'FINISHED' is not one of DRAFT, REVIEW, APPROVED, IN_PROGRESS, COMPLETE/,
    );
  });

  it('placeholder in a filled plan', () => {
    const text = edit(base, '`carol`', '`[AGENT_NAME]`');
    expectDiagnostic(text, 'placeholder', 'warning', '**Generated By**');
    expect(parsePlan(text).metadata.generatedBy).toBeUndefined();
  });

  it('invalid-effort', () => {
    const text = edit(
      base,
      '`13 story points / 40 hours`',
      '`about two weeks`',
    );
    expectDiagnostic(text, 'invalid-effort', 'warning', '**Estimated Effort**');
  });

  it('file-path-layout for a file outside src/<layer>/<kind>/', () => {
    const text = edit(
      base,
      '`src/raw/tables/web_events.sql`',
      '`sql/web_events.sql`',
    );
    const found = expectDiagnostic(
      text,
      'file-path-layout',
      'error',
      '- Object: MKT_DB.RAW.WEB_EVENTS',
    );
    expect(found.message).toMatch(/sql\/web_events\.sql/);
  });

  it('file-path-layout for an unknown kind folder', () => {
    const text = edit(
      base,
      '`src/raw/tables/web_events.sql`',
      '`src/raw/streams/web_events.sql`',
    );
    expectDiagnostic(
      text,
      'file-path-layout',
      'error',
      '- Object: MKT_DB.RAW.WEB_EVENTS',
    );
  });

  it.each([
    ['../../etc/passwd.sql'],
    ['/etc/passwd.sql'],
    ['src/raw/../../../secrets.sql'],
    ['C:\\data\\web_events.sql'],
  ])('path-traversal for %s', path => {
    const text = edit(base, '`src/raw/tables/web_events.sql`', `\`${path}\``);
    expectDiagnostic(
      text,
      'path-traversal',
      'error',
      '- Object: MKT_DB.RAW.WEB_EVENTS',
    );
  });

  it('file-name-mismatch', () => {
    const text = edit(
      base,
      '`src/raw/tables/web_events.sql`',
      '`src/raw/tables/events.sql`',
    );
    expect(
      expectDiagnostic(
        text,
        'file-name-mismatch',
        'warning',
        '- Object: MKT_DB.RAW.WEB_EVENTS',
      ).message,
    ).toMatch(/expected web_events\.sql/);
  });

  it('unknown-layer', () => {
    const text = edit(
      base,
      '`src/raw/tables/web_events.sql`',
      '`src/staging/tables/web_events.sql`',
    );
    expectDiagnostic(
      text,
      'unknown-layer',
      'warning',
      '- Object: MKT_DB.RAW.WEB_EVENTS',
    );
  });

  it('missing-file', () => {
    const text = edit(base, '- File: `src/raw/tables/web_events.sql`\n', '');
    expectDiagnostic(
      text,
      'missing-file',
      'warning',
      '- Object: MKT_DB.RAW.WEB_EVENTS',
    );
  });

  it('duplicate-object, comparing unquoted names upper-cased', () => {
    const text = edit(
      base,
      '- Object: MKT_DB.RAW.WEB_EVENTS',
      '- Object: mkt_db.raw.crm_contacts',
    );
    const found = expectDiagnostic(
      text,
      'duplicate-object',
      'error',
      '- Object: mkt_db.raw.crm_contacts',
    );
    expect(found.message).toBe(
      `Object mkt_db.raw.crm_contacts is defined twice; the first definition is on line ${lineOf(
        text,
        '- Object: MKT_DB.RAW.CRM_CONTACTS',
      )}`,
    );
  });

  it('invalid-object-name', () => {
    const text = edit(
      base,
      '- Object: MKT_DB.RAW.WEB_EVENTS',
      '- Object: MKT DB.RAW.WEB EVENTS',
    );
    expectDiagnostic(
      text,
      'invalid-object-name',
      'error',
      '- Object: MKT DB.RAW.WEB EVENTS',
    );
  });

  it('unknown-dependency is a warning', () => {
    const text = edit(
      base,
      '- Dependencies: CUSTOMER_PROFILE\n\n### Phase 3',
      '- Dependencies: CUSTOMER_PROFILES\n\n### Phase 3',
    );
    expectDiagnostic(
      text,
      'unknown-dependency',
      'warning',
      '- Object: MKT_DB.ANALYTICS.CUSTOMER_360',
    );
  });

  it('ambiguous-dependency when a short name matches two objects', () => {
    const text = edit(
      base,
      '- Object: MKT_DB.RAW.WEB_EVENTS',
      '- Object: MKT_DB.STAGE.CRM_CONTACTS',
    );
    const fixed = edit(
      text,
      '`src/raw/tables/web_events.sql`',
      '`src/raw/tables/crm_contacts.sql`',
    );
    const found = expectDiagnostic(
      fixed,
      'ambiguous-dependency',
      'warning',
      '- Object: MKT_DB.TRANSFORM.CUSTOMER_PROFILE',
    );
    expect(found.message).toMatch(
      /matches MKT_DB\.RAW\.CRM_CONTACTS and MKT_DB\.STAGE\.CRM_CONTACTS/,
    );
  });

  it('resolves a fully qualified dependency before short names', () => {
    const text = edit(
      edit(
        base,
        '- Object: MKT_DB.RAW.WEB_EVENTS',
        '- Object: MKT_DB.STAGE.CRM_CONTACTS',
      ),
      '- Dependencies: CRM_CONTACTS, WEB_EVENTS',
      '- Dependencies: MKT_DB.RAW.CRM_CONTACTS',
    );
    const plan = parsePlan(
      edit(
        text,
        '`src/raw/tables/web_events.sql`',
        '`src/raw/tables/crm_contacts.sql`',
      ),
    );
    expect(rules(plan)).not.toContain('ambiguous-dependency');
    expect(rules(plan)).not.toContain('unknown-dependency');
  });

  it('dependency-cycle names every object on it', () => {
    const text = edit(
      base,
      '- Object: MKT_DB.RAW.CRM_CONTACTS\n- File: `src/raw/tables/crm_contacts.sql`',
      '- Object: MKT_DB.RAW.CRM_CONTACTS\n- File: `src/raw/tables/crm_contacts.sql`\n- Dependencies: CUSTOMER_360',
    );
    const plan = parsePlan(text);
    const cycle = plan.diagnostics.find(d => d.rule === 'dependency-cycle');
    expect(cycle).toEqual({
      key: 'dependency-cycle:object:MKT_DB.ANALYTICS.CUSTOMER_360:object:MKT_DB.RAW.CRM_CONTACTS:object:MKT_DB.TRANSFORM.CUSTOMER_PROFILE',
      severity: 'error',
      rule: 'dependency-cycle',
      message:
        'Dependency cycle among MKT_DB.RAW.CRM_CONTACTS, MKT_DB.TRANSFORM.CUSTOMER_PROFILE, MKT_DB.ANALYTICS.CUSTOMER_360: none of them can be deployed first',
      line: lineOf(text, '- Object: MKT_DB.RAW.CRM_CONTACTS'),
    });
  });

  it('dependency-cycle for an object that depends on itself', () => {
    const text = edit(
      base,
      '- Dependencies: CUSTOMER_PROFILE\n\n### Phase 3',
      '- Dependencies: CUSTOMER_360\n\n### Phase 3',
    );
    expect(
      expectDiagnostic(
        text,
        'dependency-cycle',
        'error',
        '- Object: MKT_DB.ANALYTICS.CUSTOMER_360',
      ).message,
    ).toBe('MKT_DB.ANALYTICS.CUSTOMER_360 depends on itself');
  });

  it('layer-direction when raw depends on a later layer', () => {
    const text = edit(
      base,
      '- Object: MKT_DB.RAW.WEB_EVENTS\n- File: `src/raw/tables/web_events.sql`',
      '- Object: MKT_DB.RAW.WEB_EVENTS\n- File: `src/raw/tables/web_events.sql`\n- Dependencies: CUSTOMER_360',
    );
    const found = expectDiagnostic(
      text,
      'layer-direction',
      'error',
      '- Object: MKT_DB.RAW.WEB_EVENTS',
    );
    expect(found.message).toMatch(
      /MKT_DB\.RAW\.WEB_EVENTS \(raw\) depends on MKT_DB\.ANALYTICS\.CUSTOMER_360 \(consumption\)/,
    );
  });

  it('unknown-risk-level', () => {
    const text = edit(
      base,
      'Consent flags out of date |\tLow |',
      'Consent flags out of date |\tSometimes |',
    );
    expectDiagnostic(
      text,
      'unknown-risk-level',
      'warning',
      'Consent flags out of date',
    );
    expect(parsePlan(text).risks[0].probability).toBeUndefined();
  });

  it('malformed-table-row for a row with more cells than the header', () => {
    const text = edit(
      base,
      'Consent flags out of date |\tLow |\tHigh |',
      'Consent flags out of date |\tLow |\tHigh | extra |',
    );
    expectDiagnostic(
      text,
      'malformed-table-row',
      'warning',
      'Consent flags out of date',
    );
  });

  it('unknown-review-status and invalid-approval', () => {
    const text = edit(
      edit(base, '2026-07-15 |\tAPPROVED', '2026-07-15 |\tLGTM'),
      'Approved for Implementation: YES',
      'Approved for Implementation: SOON',
    );
    expectDiagnostic(
      text,
      'unknown-review-status',
      'warning',
      'Carol Lindqvist |',
    );
    expectDiagnostic(
      text,
      'invalid-approval',
      'warning',
      'Approved for Implementation:',
    );
  });

  it('invalid-deployment-order', () => {
    const text = edit(base, '|3 |\tViews |', '|third |\tViews |');
    expectDiagnostic(text, 'invalid-deployment-order', 'warning', '|third |');
  });

  it('missing-status', () => {
    const text = edit(base, '| **Status** | `COMPLETE` |\n', '');
    const plan = parsePlan(text);
    expect(plan.diagnostics).toEqual([
      {
        key: 'missing-status:field:metadata:status',
        severity: 'warning',
        rule: 'missing-status',
        message: 'Metadata has no Status',
        line: lineOf(text, '## Metadata'),
      },
    ]);
  });

  it('invalid-layer-name in the directory tree', () => {
    const text = edit(base, '├── raw/', '├── Raw Data/');
    expectDiagnostic(text, 'invalid-layer-name', 'warning', '├── Raw Data/');
    expect(parsePlan(text).layers).toEqual(['transformation', 'consumption']);
  });

  it('orphan-object-field for a File line before any Object line', () => {
    const text = edit(
      base,
      '#### Step 1.1: CRM contacts\n',
      '#### Step 1.1: CRM contacts\n- File: `src/raw/tables/stray.sql`\n',
    );
    expectDiagnostic(text, 'orphan-object-field', 'warning', 'stray.sql');
  });

  it('sorts diagnostics by line', () => {
    const plan = parsePlan(fixture('seed-template'));
    const lines = plan.diagnostics.map(d => d.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});
