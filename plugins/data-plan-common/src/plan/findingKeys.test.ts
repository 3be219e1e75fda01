import { edit, fixture, samplePlan } from './__testUtils__';
import { evaluatePlan } from './evaluatePlan';
import {
  contentKey,
  findingKey,
  objectKey,
  occurrenceKeys,
  waivableKeys,
  waiverKey,
  waiverSubjects,
} from './findingKeys';
import { parsePlan } from './parsePlan';

/** Every keyed thing of a plan and its evaluation, by key, with its line. */
function keyed(text: string) {
  const plan = parsePlan(text);
  const evaluation = evaluatePlan(plan);
  const entries: Array<[string, { what: string; line?: number }]> = [
    ...evaluation.diagnostics,
    ...evaluation.findings,
  ].map(d => [d.key, { what: `${d.rule} ${d.severity}`, line: d.line }]);
  for (const object of plan.objects) {
    entries.push([object.key!, { what: object.name, line: object.line }]);
  }
  for (const risk of plan.risks) {
    entries.push([risk.key!, { what: risk.risk, line: risk.line }]);
  }
  for (const criterion of [
    ...evaluation.validation.technical,
    ...evaluation.validation.business,
  ]) {
    entries.push([
      criterion.key!,
      { what: criterion.criteria, line: criterion.line },
    ]);
  }
  return { plan, evaluation, entries, byKey: new Map(entries) };
}

/** The sales-orders sample with diagnostics too: a placeholder, an unknown dependency, a duplicate. */
function planWithDiagnostics(): string {
  let text = edit(
    samplePlan('sales-orders'),
    '- Object: SALES_DB.RAW.CUSTOMERS_RAW\n- File: `src/raw/tables/customers_raw.sql`\n',
    '- Object: SALES_DB.RAW.CUSTOMERS_RAW\n- File: `src/raw/tables/customers_raw.sql`\n- Dependencies: SALES_DB.RAW.MISSING\n- Object: sales_db.raw.customers_raw\n- File: `src/raw/tables/customers_raw.sql`\n',
  );
  text = edit(
    text,
    'Late-arriving POS orders |\tHigh |\tHigh |\t\n',
    'Late-arriving POS orders |\tHigh |\tHigh |\t\nUpstream schema change |\tMedium |\tHigh |\t[Mitigation strategy]\n',
  );
  return text;
}

/** Rows inserted above everything else of their kind, each without a finding of its own. */
function withRowsAbove(text: string): string {
  let edited = edit(
    text,
    '# IMPLEMENTATION PLAN\n',
    '# IMPLEMENTATION PLAN\n\nA paragraph that moves every line.\n',
  );
  edited = edit(
    edited,
    '- Object: SALES_DB.RAW.ORDERS_RAW\n',
    '- Object: SALES_DB.RAW.AAA_FIRST\n- File: `src/raw/tables/aaa_first.sql`\n- Object: SALES_DB.RAW.ORDERS_RAW\n',
  );
  edited = edit(
    edited,
    'Risk |\tProbability |\tImpact |\tMitigation\n|-------|-------|-------|-------|\n',
    'Risk |\tProbability |\tImpact |\tMitigation\n|-------|-------|-------|-------|\nWarehouse outage |\tLow |\tHigh |\tFail over to the second warehouse\n',
  );
  return edit(
    edited,
    'Criteria |\tMeasurement |\tTarget |\tActual\n|-------|-------|-------|-------|\n',
    'Criteria |\tMeasurement |\tTarget |\tActual\n|-------|-------|-------|-------|\nSchema Drift |\tColumns compared |\t0 |\t0\n',
  );
}

describe('content keys', () => {
  it('stay the same when rows are inserted above, though every line moves', () => {
    const before = keyed(planWithDiagnostics());
    const after = keyed(withRowsAbove(planWithDiagnostics()));

    expect(before.evaluation.findings.length).toBeGreaterThan(0);
    expect(before.evaluation.diagnostics.map(d => d.rule)).toEqual(
      expect.arrayContaining([
        'unknown-dependency',
        'duplicate-object',
        'placeholder',
      ]),
    );
    for (const [key, entry] of before.entries) {
      const moved = after.byKey.get(key);
      expect({ key, what: moved?.what }).toEqual({ key, what: entry.what });
    }
    const stayed = before.entries.filter(
      ([key, entry]) =>
        entry.line !== undefined && after.byKey.get(key)?.line === entry.line,
    );
    expect(stayed).toEqual([]);
    // The new rows get keys of their own.
    expect(after.entries.length).toBe(before.entries.length + 3);
  });

  it('stay the same in the raw template, whose placeholders repeat', () => {
    const text = fixture('seed-template');
    const before = keyed(text);
    const after = keyed(`\n\n${text}`);
    expect(before.evaluation.diagnostics.length).toBeGreaterThan(10);
    expect(after.entries.map(([key]) => key)).toEqual(
      before.entries.map(([key]) => key),
    );
  });

  it('tell every finding of a plan apart', () => {
    for (const text of [
      samplePlan('sales-orders'),
      samplePlan('customer-360'),
      samplePlan('inventory-forecast'),
      fixture('seed-template'),
    ]) {
      const { entries } = keyed(text);
      const keys = entries.map(([key]) => key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('name the subject: the qualified name, the risk, the criterion, the field', () => {
    const { evaluation } = keyed(samplePlan('sales-orders'));
    expect(evaluation.findings.map(f => f.key)).toEqual(
      expect.arrayContaining([
        'unmitigated-risk:risk:Late-arriving POS orders',
        'validation-failed:criterion:technical:Test Pass Rate',
      ]),
    );
    expect(evaluation.risks.unmitigated.map(r => r.key)).toEqual([
      'risk:Late-arriving POS orders',
    ]);
    expect(evaluation.deployOrder.map(o => o.key)).toContain(
      'object:SALES_DB.RAW.ORDERS_RAW',
    );
    expect(objectKey({ name: ' sales_db.raw.orders_raw ' })).toBe(
      'object:SALES_DB.RAW.ORDERS_RAW',
    );
    const unknownStatus = edit(
      samplePlan('sales-orders'),
      '| **Status** | `IN_PROGRESS` |',
      '| **Status** | `SHIPPED` |',
    );
    expect(parsePlan(unknownStatus).diagnostics.map(d => d.key)).toEqual([
      'unknown-status:field:metadata:status',
    ]);
    expect(
      keyed(planWithDiagnostics()).evaluation.diagnostics.map(d => d.key),
    ).toEqual(
      expect.arrayContaining([
        'unknown-dependency:object:SALES_DB.RAW.CUSTOMERS_RAW:dependency:SALES_DB.RAW.MISSING',
        'duplicate-object:object:SALES_DB.RAW.CUSTOMERS_RAW#2',
        'placeholder:risk:Upstream schema change:field:Mitigation:[Mitigation strategy]',
      ]),
    );
  });

  it("names a risk cell's placeholder by its risk, so another risk's placeholder above leaves it", () => {
    const keysOf = (text: string) =>
      parsePlan(text)
        .diagnostics.filter(d => d.rule === 'placeholder')
        .map(d => d.key);
    const before = keysOf(planWithDiagnostics());
    const after = keysOf(
      edit(
        planWithDiagnostics(),
        'Risk |\tProbability |\tImpact |\tMitigation\n|-------|-------|-------|-------|\n',
        'Risk |\tProbability |\tImpact |\tMitigation\n|-------|-------|-------|-------|\nWarehouse outage |\tLow |\tHigh |\t[Mitigation strategy]\n',
      ),
    );
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toContain(
      'placeholder:risk:Warehouse outage:field:Mitigation:[Mitigation strategy]',
    );
  });

  it('number equal subjects in their order: the second of two equal risks gets #2', () => {
    const text = edit(
      samplePlan('sales-orders'),
      'Late-arriving POS orders |\tHigh |\tHigh |\t\n',
      'Late-arriving POS orders |\tHigh |\tHigh |\t\nLate-arriving POS orders |\tLow |\tHigh |\t\n',
    );
    const { plan, evaluation } = keyed(text);
    expect(plan.risks.map(r => r.key).slice(0, 2)).toEqual([
      'risk:Late-arriving POS orders',
      'risk:Late-arriving POS orders#2',
    ]);
    expect(
      evaluation.findings
        .filter(f => f.rule === 'unmitigated-risk')
        .map(f => f.key),
    ).toEqual([
      'unmitigated-risk:risk:Late-arriving POS orders',
      'unmitigated-risk:risk:Late-arriving POS orders#2',
    ]);
  });

  it('stay unique when a subject already ends in an occurrence number', () => {
    const unique = occurrenceKeys();
    expect(
      ['r:object:A', 'r:object:A', 'r:object:A#2', 'r:object:A'].map(unique),
    ).toEqual(['r:object:A', 'r:object:A#2', 'r:object:A#2#2', 'r:object:A#3']);
  });

  it('escape the separators, so that different parts never give one key', () => {
    expect(contentKey('risk', 'a:b')).not.toBe(contentKey('risk:a', 'b'));
    expect(contentKey('risk', 'x#2')).toBe('risk:x%232');
    expect(contentKey('risk', '100%')).toBe('risk:100%25');
    expect(findingKey('missing-status')).toBe('missing-status');
  });
});

describe('waiver keys', () => {
  it('keys a waiver by its rule and match, as the findings about its subject are keyed', () => {
    expect(
      waiverKey({ rule: 'missing-file', match: { object: 'db.raw.x' } }),
    ).toBe('waiver:missing-file:object:DB.RAW.X');
    expect(
      waiverKey({ rule: 'unmitigated-risk', match: { risk: 'a: b' } }),
    ).toBe('waiver:unmitigated-risk:risk:a%3A b');
    expect(
      waiverKey({ rule: 'validation-failed', match: { criterion: 'Rows' } }),
    ).toBe('waiver:validation-failed:criterion:Rows');
    expect(waiverKey({ rule: 'placeholder', match: { line: 7 } })).toBe(
      'waiver:placeholder:line:7',
    );
    expect(waiverSubjects({ criterion: 'Rows' })).toEqual([
      'criterion:technical:Rows',
      'criterion:business:Rows',
    ]);
    expect(waiverSubjects({ line: 7 })).toEqual([]);
  });

  it("gives a finding's key, its shorter subjects and a cycle's members, without occurrence counts", () => {
    expect(waivableKeys('unknown-dependency:object:A:dependency:B#2')).toEqual([
      'unknown-dependency:object',
      'unknown-dependency:object:A',
      'unknown-dependency:object:A:dependency',
      'unknown-dependency:object:A:dependency:B',
    ]);
    expect(waivableKeys('dependency-cycle:object:A#2:object:B')).toEqual([
      'dependency-cycle:object',
      'dependency-cycle:object:A',
      'dependency-cycle:object:A:object',
      'dependency-cycle:object:A:object:B',
      'dependency-cycle:object:B',
    ]);
    expect(waivableKeys('approval-missing')).toEqual([]);
  });
});
