import { edit, lineOf, samplePlan } from './__testUtils__';
import { applyWaivers, ApplyWaiversOptions } from './applyWaivers';
import { PlanEvaluation } from './evaluatePlan';
import { readPlan } from './readPlan';
import { PlanDiagnostic } from './types';
import { parseWaiverFile, PlanWaiver } from './waiverFile';
import { WAIVER_RULES } from './waiverRules';

const today = '2025-06-01';
const options: ApplyWaiversOptions = { today };
const sales = samplePlan('sales-orders');
const inventory = samplePlan('inventory-forecast');

function evaluate(text: string): PlanEvaluation {
  return readPlan(text).evaluation;
}

let index = 0;
function waiver(
  rule: string,
  match: PlanWaiver['match'],
  rest: Partial<PlanWaiver> = {},
): PlanWaiver {
  return {
    index: index++,
    rule,
    match,
    reason: 'Accepted until the upstream fix ships',
    approvedBy: 'group:default/data-leads',
    expires: '2025-06-30',
    ...rest,
  };
}

function find(list: PlanDiagnostic[], rule: string) {
  return list.filter(f => f.rule === rule);
}

function waiverFindings(evaluation: PlanEvaluation) {
  return evaluation.findings.filter(f =>
    (WAIVER_RULES as readonly string[]).includes(f.rule),
  );
}

const movementsWaiver = () =>
  waiver('unknown-dependency', {
    object: 'scm_db.transform.Weekly_Movements',
  });

describe('applyWaivers', () => {
  it('waives a finding about an object by its qualified name: it stays listed, marked, and counts for nothing', () => {
    const before = evaluate(inventory);
    const after = applyWaivers(before, [movementsWaiver()], options);

    const [waived] = find(after.diagnostics, 'unknown-dependency');
    expect(waived).toMatchObject({
      key: 'unknown-dependency:object:SCM_DB.TRANSFORM.WEEKLY_MOVEMENTS:dependency:SALES_DAILY',
      severity: 'warning',
      waiver: {
        reason: 'Accepted until the upstream fix ships',
        approvedBy: 'group:default/data-leads',
        expires: '2025-06-30',
      },
    });
    expect(after.summary.counts).toEqual({
      ...before.summary.counts,
      warning: before.summary.counts.warning - 1,
    });
    expect(waiverFindings(after)).toEqual([]);
  });

  it('still waives the object after a step is inserted above it, as its key has not changed', () => {
    const inserted = edit(
      inventory,
      '#### Step 2.1: Weekly stock movements',
      [
        '#### Step 2.0: Stock snapshot',
        '- Object: SCM_DB.TRANSFORM.STOCK_SNAPSHOT',
        '- File: `src/transformation/tables/stock_snapshot.sql`',
        '- Dependencies: SHIPMENTS',
        '',
        '#### Step 2.1: Weekly stock movements',
      ].join('\n'),
    );
    const finding = (text: string) =>
      find(evaluate(text).diagnostics, 'unknown-dependency')[0];
    expect(finding(inserted).line).toBe(finding(inventory).line! + 5);

    const after = applyWaivers(
      evaluate(inserted),
      [movementsWaiver()],
      options,
    );
    expect(
      find(after.diagnostics, 'unknown-dependency')[0].waiver,
    ).toBeDefined();
    expect(waiverFindings(after)).toEqual([]);
  });

  it('waives a risk by its text after a risk row is inserted above it', () => {
    const inserted = edit(
      sales,
      'Late-arriving POS orders |',
      'Vendor API rate limits |\tLow |\tLow |\tBackoff and retry\nLate-arriving POS orders |',
    );
    const riskWaiver = waiver('unmitigated-risk', {
      risk: 'Late-arriving POS orders',
    });
    for (const text of [sales, inserted]) {
      const before = evaluate(text);
      const after = applyWaivers(before, [riskWaiver], options);
      expect(find(after.findings, 'unmitigated-risk')).toMatchObject([
        {
          line: lineOf(text, 'Late-arriving POS orders'),
          waiver: { expires: '2025-06-30' },
        },
      ]);
      expect(after.summary.counts.warning).toBe(
        before.summary.counts.warning - 1,
      );
    }
  });

  it('waives a criterion by its name, in the section it is in', () => {
    const after = applyWaivers(
      evaluate(sales),
      [
        waiver('validation-failed', { criterion: 'Test Pass Rate' }),
        waiver('validation-failed', { criterion: 'Requirement Coverage' }),
      ],
      options,
    );
    const failed = find(after.findings, 'validation-failed');
    expect(failed.map(f => f.key)).toEqual([
      'validation-failed:criterion:technical:Test Pass Rate',
      'validation-failed:criterion:business:Requirement Coverage',
    ]);
    expect(failed.every(f => f.waiver !== undefined)).toBe(true);
  });

  it('waives only the findings of its own rule', () => {
    const after = applyWaivers(
      evaluate(sales),
      [waiver('validation-failed', { risk: 'Late-arriving POS orders' })],
      options,
    );
    expect(find(after.findings, 'unmitigated-risk')[0].waiver).toBeUndefined();
    expect(find(after.findings, 'waiver-unused')).toHaveLength(1);
  });

  it('waives nothing with an expired waiver, which is a warning; one expiring today still holds', () => {
    const expired = waiver(
      'unmitigated-risk',
      { risk: 'Late-arriving POS orders' },
      { expires: '2025-05-31' },
    );
    const before = evaluate(sales);
    const after = applyWaivers(before, [expired], options);

    expect(find(after.findings, 'unmitigated-risk')[0].waiver).toBeUndefined();
    expect(find(after.findings, 'waiver-expired')).toEqual([
      {
        key: 'waiver-expired:waiver:unmitigated-risk:risk:Late-arriving POS orders',
        severity: 'warning',
        rule: 'waiver-expired',
        message: `Waiver waivers[${expired.index}] of unmitigated-risk for risk 'Late-arriving POS orders' expired on 2025-05-31 and waives nothing`,
      },
    ]);
    expect(after.summary.counts.warning).toBe(
      before.summary.counts.warning + 1,
    );

    const lastDay = applyWaivers(
      before,
      [{ ...expired, expires: today }],
      options,
    );
    expect(find(lastDay.findings, 'unmitigated-risk')[0].waiver).toBeDefined();
  });

  it('refuses a waiver longer than the policy allows: an error, and it waives nothing', () => {
    const policy = { maxWaiverDays: 30 };
    const long = waiver(
      'unmitigated-risk',
      { risk: 'Late-arriving POS orders' },
      { expires: '2025-07-02' },
    );
    const after = applyWaivers(evaluate(sales), [long], { today, policy });

    expect(find(after.findings, 'unmitigated-risk')[0].waiver).toBeUndefined();
    expect(find(after.findings, 'waiver-invalid')).toMatchObject([
      {
        severity: 'error',
        key: 'waiver-invalid:waiver:unmitigated-risk:risk:Late-arriving POS orders',
        message: expect.stringContaining(
          "it expires 2025-07-02, 31 days from 2025-06-01, more than the policy's 30 (maxWaiverDays)",
        ),
      },
    ]);
    expect(after.summary.counts.error).toBe(1);

    const longest = applyWaivers(
      evaluate(sales),
      [{ ...long, expires: '2025-07-01' }],
      { today, policy },
    );
    expect(find(longest.findings, 'unmitigated-risk')[0].waiver).toBeDefined();
  });

  it('refuses a waiver without reason or approver, or whose approver is not allowed', () => {
    const match = { risk: 'Late-arriving POS orders' };
    const isAllowedApprover = jest.fn(
      (ref: string) => ref === 'group:default/data-leads',
    );
    const noApprover = waiver('unmitigated-risk', match, {
      approvedBy: undefined,
    });
    const noReason = waiver('unmitigated-risk', match, { reason: undefined });
    const refused = waiver('unmitigated-risk', match, {
      approvedBy: 'user:default/mallory',
    });
    for (const [bad, why] of [
      [noApprover, 'it has no approvedBy'],
      [noReason, 'it has no reason'],
      [refused, 'user:default/mallory may not approve it'],
    ] as const) {
      const after = applyWaivers(evaluate(sales), [bad], {
        today,
        isAllowedApprover,
      });
      expect(
        find(after.findings, 'unmitigated-risk')[0].waiver,
      ).toBeUndefined();
      expect(find(after.findings, 'waiver-invalid')).toMatchObject([
        { severity: 'error', message: expect.stringContaining(why) },
      ]);
    }
    expect(isAllowedApprover).toHaveBeenCalledWith(
      'user:default/mallory',
      refused,
    );
  });

  it('reports a waiver that matches nothing as info, keyed by its rule and match', () => {
    const unused = waiver('unmitigated-risk', { risk: 'Meteor strike' });
    const after = applyWaivers(evaluate(sales), [unused], options);

    expect(find(after.findings, 'waiver-unused')).toEqual([
      {
        key: 'waiver-unused:waiver:unmitigated-risk:risk:Meteor strike',
        severity: 'info',
        rule: 'waiver-unused',
        message: `Waiver waivers[${unused.index}] of unmitigated-risk for risk 'Meteor strike' matches no finding`,
      },
    ]);
    expect(after.summary.counts.info).toBe(1);
  });

  it('keeps a waiver of a repository check from being unused until a repository report is merged', () => {
    const orphan = waiver('orphan-sql-file', { file: 'sql/old.sql' });
    const drift = waiver('sql-undeclared-dependency', {
      object: 'SALES_DB.CURATED.DAILY',
    });
    const risk = waiver('unmitigated-risk', { risk: 'Meteor strike' });
    const unchecked = applyWaivers(
      evaluate(sales),
      [orphan, drift, risk],
      options,
    );
    // No report: the checks have not spoken about the files, only the plan's own rule has.
    expect(find(unchecked.findings, 'waiver-unused').map(f => f.key)).toEqual([
      'waiver-unused:waiver:unmitigated-risk:risk:Meteor strike',
    ]);

    const checked = applyWaivers(
      {
        ...evaluate(sales),
        repository: {
          lineage: [],
          objects: [],
          orphans: [],
          listing: { paths: 3, truncated: false },
          figures: {
            filesPlanned: 0,
            filesPresent: 0,
            unitTestCoverage: null,
            unitTestCoverageByLayer: {},
            deployCoverage: null,
            rollbackCoverage: null,
          },
        },
      },
      [orphan, drift, risk],
      options,
    );
    expect(
      find(checked.findings, 'waiver-unused')
        .map(f => f.key)
        .sort(),
    ).toEqual([
      'waiver-unused:waiver:orphan-sql-file:file:sql/old.sql',
      'waiver-unused:waiver:sql-undeclared-dependency:object:SALES_DB.CURATED.DAILY',
      'waiver-unused:waiver:unmitigated-risk:risk:Meteor strike',
    ]);
  });

  it('matches a line only with the rule, as a last resort that follows the line, not the finding', () => {
    const line = lineOf(inventory, '| **Generated Date**');
    const byLine = waiver('placeholder', { line });
    const otherRule = waiver('missing-file', { line });
    const after = applyWaivers(
      evaluate(inventory),
      [byLine, otherRule],
      options,
    );

    const onLine = after.diagnostics.filter(d => d.line === line);
    expect(onLine).toMatchObject([
      { rule: 'placeholder', waiver: { reason: byLine.reason } },
    ]);
    expect(find(after.findings, 'waiver-unused')).toMatchObject([
      { key: `waiver-unused:waiver:missing-file:line:${line}` },
    ]);

    const shifted = applyWaivers(
      evaluate(edit(inventory, '# ', '<!-- reviewed -->\n# ')),
      [byLine],
      options,
    );
    // The placeholder it was written for moved down a line; the one above took its place.
    expect(onLine[0].key).toBe('placeholder:field:metadata:generatedDate');
    expect(shifted.diagnostics.filter(d => d.waiver)).toMatchObject([
      { key: 'placeholder:field:metadata:linkedSpecVersion', line },
    ]);
  });

  it('never waives a finding about an object, a risk or a criterion by its line', () => {
    const risk = lineOf(sales, 'Late-arriving POS orders');
    const after = applyWaivers(
      evaluate(sales),
      [waiver('unmitigated-risk', { line: risk })],
      options,
    );
    expect(find(after.findings, 'unmitigated-risk')[0].waiver).toBeUndefined();
    expect(find(after.findings, 'waiver-unused')).toHaveLength(1);
  });

  it('waives a cycle by any object on it', () => {
    const cycle: PlanDiagnostic = {
      key: 'dependency-cycle:object:A:object:B:object:C',
      severity: 'error',
      rule: 'dependency-cycle',
      message: 'A → B → C → A',
      line: 3,
    };
    for (const object of ['a', 'b', 'c']) {
      const [waived, ...rest] = applyWaivers(
        [cycle],
        [waiver('dependency-cycle', { object })],
        options,
      );
      expect(waived.waiver).toBeDefined();
      expect(rest).toEqual([]);
    }
    expect(
      applyWaivers(
        [cycle],
        [waiver('dependency-cycle', { object: 'D' })],
        options,
      )[0].waiver,
    ).toBeUndefined();
  });

  it('waives each occurrence of a repeated subject, and refuses a second waiver of the same', () => {
    const twice: PlanDiagnostic[] = ['', '#2'].map(n => ({
      key: `duplicate-object:object:A${n}`,
      severity: 'error',
      rule: 'duplicate-object',
      message: 'A is defined twice',
    }));
    const first = waiver('duplicate-object', { object: 'A' });
    const again = waiver('duplicate-object', { object: 'a' });
    const result = applyWaivers(twice, [first, again], options);
    expect(result.slice(0, 2).every(f => f.waiver !== undefined)).toBe(true);
    expect(result.slice(2)).toMatchObject([
      {
        rule: 'waiver-invalid',
        message: expect.stringContaining(
          `waivers[${first.index}] waives the same findings`,
        ),
      },
    ]);
  });

  it('reports each unreadable entry of the file as waiver-invalid, and applies the rest', () => {
    const file = parseWaiverFile({
      waivers: [
        {
          rule: 'unmitigated-risk',
          match: { risk: 'Late-arriving POS orders' },
          reason: 'ok',
          approvedBy: 'jane',
          expires: '2025-06-30',
        },
        { rule: 'unmitigated-risk', match: { risk: 'x' }, expires: 'soon' },
      ],
    });
    const after = applyWaivers(evaluate(sales), file, options);
    expect(find(after.findings, 'unmitigated-risk')[0].waiver).toMatchObject({
      approvedBy: 'user:default/jane',
    });
    expect(find(after.findings, 'waiver-invalid')).toEqual([
      {
        key: 'waiver-invalid:field:waiver file:waivers[1].expires',
        severity: 'error',
        rule: 'waiver-invalid',
        message:
          "waivers[1].expires must be a date YYYY-MM-DD; the waiver file's entry waives nothing",
      },
    ]);
  });

  it("gives the waiver rules the policy's severities", () => {
    const after = applyWaivers(
      evaluate(sales),
      [
        waiver('unmitigated-risk', { risk: 'Meteor strike' }),
        waiver(
          'unmitigated-risk',
          { risk: 'Late-arriving POS orders' },
          { reason: undefined },
        ),
      ],
      {
        today,
        policy: {
          severities: { 'waiver-unused': 'off', 'waiver-invalid': 'warning' },
        },
      },
    );
    expect(waiverFindings(after).map(f => [f.rule, f.severity])).toEqual([
      ['waiver-invalid', 'warning'],
    ]);
  });

  it('gives the same result when applied again, and takes a list of findings too', () => {
    const waivers = [
      movementsWaiver(),
      waiver('placeholder', { risk: 'none' }),
    ];
    const once = applyWaivers(evaluate(inventory), waivers, options);
    expect(applyWaivers(once, waivers, options)).toEqual(once);

    const list = applyWaivers(
      evaluate(inventory).diagnostics,
      waivers,
      options,
    );
    expect(list).toEqual([...once.diagnostics, ...waiverFindings(once)]);
  });

  it('refuses a today that is not a date', () => {
    expect(() => applyWaivers([], [], { today: '2025-13-01' })).toThrow(
      'today must be a date YYYY-MM-DD, not 2025-13-01',
    );
    expect(
      applyWaivers([], [], { today: new Date(Date.UTC(2025, 0, 1)) }),
    ).toEqual([]);
  });

  it('handles many findings and the most waivers in one pass, by key', () => {
    const findings: PlanDiagnostic[] = Array.from({ length: 100_000 }, (_, i) =>
      // Odd lines hold object findings, even ones findings about a field.
      i % 2
        ? {
            key: `missing-file:object:O${i}:${'x'.repeat(i % 7)}`,
            severity: 'warning',
            rule: 'missing-file',
            message: `O${i}`,
            line: i + 1,
          }
        : {
            key: `missing-file:field:f${i}`,
            severity: 'warning',
            rule: 'missing-file',
            message: `f${i}`,
            line: i + 1,
          },
    );
    const { waivers, problems } = parseWaiverFile({
      waivers: Array.from({ length: 1000 }, (_, i) => ({
        rule: 'missing-file',
        // Each names one finding: an object by name, a field's finding by its line.
        match: i % 2 ? { object: `o${i * 10 + 1}` } : { line: i * 10 + 1 },
        reason: 'r',
        approvedBy: 'jane',
        expires: '2025-06-30',
      })),
    });
    expect(problems).toEqual([]);

    const result = applyWaivers(findings, waivers, options);
    expect(result).toHaveLength(100_000);
    expect(result.filter(f => f.waiver)).toHaveLength(1000);
  });
});

describe('applyWaivers listing', () => {
  it('lists every waiver as judged: the findings each waives, and why an invalid one waives nothing', () => {
    const valid = movementsWaiver();
    const noReason = waiver(
      'unknown-dependency',
      { object: 'SOMEWHERE.ELSE.ENTIRELY' },
      { reason: undefined },
    );
    const expired = waiver(
      'unknown-dependency',
      { object: 'OTHER.PLACE.ALTOGETHER' },
      { expires: '2025-05-01' },
    );
    const after = applyWaivers(
      evaluate(inventory),
      {
        waivers: [valid, noReason, expired],
        problems: [{ field: 'waivers[3].expires', reason: 'must be a date' }],
      },
      options,
    );

    expect(after.waivers).toEqual({
      waivers: [
        {
          ...valid,
          waives: [
            'unknown-dependency:object:SCM_DB.TRANSFORM.WEEKLY_MOVEMENTS:dependency:SALES_DAILY',
          ],
        },
        { ...noReason, problems: ['it has no reason'], waives: [] },
        { ...expired, waives: [] },
      ],
      problems: [{ field: 'waivers[3].expires', reason: 'must be a date' }],
    });
  });

  it('lists a refused approver among the problems, and carries the file’s commits through', () => {
    const commit = {
      sha: 'b'.repeat(40),
      author: 'Jane Doe',
      committedAt: '2025-05-20T10:00:00.000Z',
    };
    const after = applyWaivers(
      evaluate(inventory),
      { waivers: [{ ...movementsWaiver(), commit }], problems: [] },
      { ...options, isAllowedApprover: () => false },
    );
    expect(after.waivers?.waivers[0]).toMatchObject({
      commit,
      problems: ['group:default/data-leads may not approve it'],
      waives: [],
    });
  });
});
