import fc from 'fast-check';
import { OBJECT_KINDS } from '../layout';
import { edit, fixture, samplePlan } from './__testUtils__';
import { evaluatePlan } from './evaluatePlan';
import { parsePlan } from './parsePlan';
import { hashPolicy } from './policy';
import { parseKind } from './sections/structure';
import { ParsedPlan, PlanObject } from './types';

const base = fixture('complete-plan');

function evaluate(text: string, policy?: Parameters<typeof evaluatePlan>[1]) {
  return evaluatePlan(parsePlan(text), policy);
}

function findingRules(text: string) {
  return evaluate(text).findings.map(f => f.rule);
}

describe('evaluatePlan', () => {
  describe('deploy order', () => {
    it('puts dependencies first and breaks ties by the plan’s own 5.1 sequence', () => {
      const evaluation = evaluate(samplePlan('sales-orders'));
      expect(evaluation.deployOrder.map(o => o.name)).toEqual([
        'SALES_DB.RAW.CUSTOMERS_RAW',
        'SALES_DB.RAW.ORDERS_RAW',
        'SALES_DB.TRANSFORM.ORDERS_CLEAN',
        'SALES_DB.TRANSFORM.ORDERS_ENRICHED',
        'SALES_DB.ANALYTICS.DAILY_SALES',
        'SALES_DB.RAW.LOAD_ORDERS',
        'SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK',
      ]);
    });

    it('orders a hand-built object whose kind is none of the kinds before the known kinds', () => {
      const start = base.indexOf('### 5.1 Deployment Sequence');
      const end = base.indexOf('### 5.2 Migration Scripts');
      const plan = parsePlan(base.slice(0, start) + base.slice(end));
      const [first, second] = plan.objects;
      const objects = [
        { ...second, kind: 'view' as const, layer: 'raw', dependencies: [] },
        {
          ...first,
          kind: 'synonym' as never,
          layer: 'consumption',
          dependencies: [],
        },
      ];
      const evaluation = evaluatePlan({ ...plan, objects });
      expect(evaluation.deployOrder.map(o => o.name)).toEqual([
        first.name,
        second.name,
      ]);
    });

    it('falls back to kind → layer → name without a well-formed sequence', () => {
      const start = base.indexOf('### 5.1 Deployment Sequence');
      const end = base.indexOf('### 5.2 Migration Scripts');
      const text = base.slice(0, start) + base.slice(end);
      expect(evaluate(text).deployOrder.map(o => o.name)).toEqual([
        'MKT_DB.RAW.CRM_CONTACTS',
        'MKT_DB.RAW.WEB_EVENTS',
        'MKT_DB.TRANSFORM.CUSTOMER_PROFILE',
        'MKT_DB.ANALYTICS.CUSTOMER_360',
        'MKT_DB.TRANSFORM.NIGHTLY_PROFILE_TASK',
      ]);
    });

    it('lets the 5.1 sequence move tasks before views when dependencies allow', () => {
      const text = edit(
        edit(
          base,
          '|3 |\tViews |\tConsumption |',
          '|4 |\tViews |\tConsumption |',
        ),
        '|4 |\tTasks |\tTransformation |',
        '|3 |\tTasks |\tTransformation |',
      );
      const names = evaluate(text).deployOrder.map(o =>
        o.name.split('.').pop(),
      );
      expect(names.indexOf('NIGHTLY_PROFILE_TASK')).toBeLessThan(
        names.indexOf('CUSTOMER_360'),
      );
      expect(names.indexOf('CUSTOMER_PROFILE')).toBeLessThan(
        names.indexOf('NIGHTLY_PROFILE_TASK'),
      );
    });

    it('orders objects without dependencies by sequence row, kind, layer and name, as one tuple would (property)', () => {
      // The rule as a plain tuple comparison: what the packed sort key must agree with.
      const expectedOrder = (plan: ParsedPlan) => {
        const layerAt = (layer?: string) => {
          const at = layer === undefined ? -1 : plan.layers.indexOf(layer);
          return at < 0 ? plan.layers.length : at;
        };
        const rows = [...plan.deployment.sequence].sort(
          (a, b) => a.order - b.order,
        );
        const rowOf = (object: PlanObject) => {
          if (!rows.length) return 0;
          const at = rows.findIndex(
            row =>
              parseKind(row.objectType) === object.kind &&
              row.layer.toLowerCase() === object.layer,
          );
          return at < 0 ? rows.length : at;
        };
        const tuple = (object: PlanObject) => [
          rowOf(object),
          object.kind ? OBJECT_KINDS.indexOf(object.kind) : OBJECT_KINDS.length,
          layerAt(object.layer),
        ];
        return plan.objects
          .map((object, index) => ({ index, key: tuple(object) }))
          .sort((a, b) => {
            for (let i = 0; i < a.key.length; i++) {
              if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
            }
            const x = plan.objects[a.index].name.toUpperCase();
            const y = plan.objects[b.index].name.toUpperCase();
            if (x === y) return 0;
            return x < y ? -1 : 1;
          })
          .map(({ index }) => plan.objects[index].key);
      };
      const start = base.indexOf('### 5.1 Deployment Sequence');
      const end = base.indexOf('### 5.2 Migration Scripts');
      const withSequence = parsePlan(base);
      const withoutSequence = parsePlan(base.slice(0, start) + base.slice(end));
      expect(withSequence.deployment.sequence.length).toBeGreaterThan(1);
      const object = fc.record({
        name: fc.constantFrom('A', 'b', 'B', 'C', 'a.d'),
        kind: fc.constantFrom(...OBJECT_KINDS, undefined, 'synonym' as never),
        layer: fc.constantFrom(...withSequence.layers, undefined, 'other'),
      });
      fc.assert(
        fc.property(
          fc.boolean(),
          fc.array(object, { maxLength: 24 }),
          (sequenced, drawn) => {
            const plan = sequenced ? withSequence : withoutSequence;
            const objects: PlanObject[] = drawn.map((o, i) => ({
              ...plan.objects[0],
              ...o,
              key: `object:${i}`,
              dependencies: [],
            }));
            const hand = { ...plan, objects };
            expect(evaluatePlan(hand).deployOrder.map(o => o.key)).toEqual(
              expectedOrder(hand),
            );
          },
        ),
        { numRuns: 500 },
      );
    });

    it('places objects on a cycle last and reports the cycle', () => {
      const text = edit(
        base,
        '- Object: MKT_DB.RAW.CRM_CONTACTS\n- File: `src/raw/tables/crm_contacts.sql`',
        '- Object: MKT_DB.RAW.CRM_CONTACTS\n- File: `src/raw/tables/crm_contacts.sql`\n- Dependencies: CUSTOMER_360',
      );
      const evaluation = evaluate(text);
      expect(evaluation.deployOrder.map(o => o.name)[0]).toBe(
        'MKT_DB.RAW.WEB_EVENTS',
      );
      expect(evaluation.deployOrder).toHaveLength(5);
      expect(evaluation.cycles).toEqual([
        [
          'MKT_DB.RAW.CRM_CONTACTS',
          'MKT_DB.TRANSFORM.CUSTOMER_PROFILE',
          'MKT_DB.ANALYTICS.CUSTOMER_360',
        ],
      ]);
    });

    it('lists resolved dependencies by object index', () => {
      const plan = parsePlan(base);
      const { dependsOn } = evaluatePlan(plan);
      const names = (i: number) => plan.objects[i].name;
      expect(dependsOn.map(targets => targets.map(names))).toEqual([
        [],
        [],
        ['MKT_DB.RAW.CRM_CONTACTS', 'MKT_DB.RAW.WEB_EVENTS'],
        ['MKT_DB.TRANSFORM.CUSTOMER_PROFILE'],
        ['MKT_DB.TRANSFORM.CUSTOMER_PROFILE'],
      ]);
    });
  });

  describe('approvals', () => {
    it('is clean for a fully approved COMPLETE plan', () => {
      const evaluation = evaluate(base);
      expect(evaluation.findings).toEqual([]);
      expect(evaluation.approval).toEqual({
        reviewers: 2,
        approved: 2,
        pending: 0,
        rejected: 0,
        allApproved: true,
        anyRejected: false,
        executionApproved: true,
      });
    });

    it('finds a pending reviewer on an approved or later plan', () => {
      const text = edit(
        base,
        '2026-07-15 |\tAPPROVED',
        '2026-07-15 |\tPENDING',
      );
      const evaluation = evaluate(text);
      expect(evaluation.findings).toContainEqual(
        expect.objectContaining({
          rule: 'approval-pending',
          severity: 'warning',
          message: 'Plan is COMPLETE but Carol Lindqvist has not approved it',
        }),
      );
      expect(evaluation.approval.allApproved).toBe(false);
    });

    it('finds a rejection as an error', () => {
      const text = edit(
        base,
        '2026-07-15 |\tAPPROVED',
        '2026-07-15 |\tREJECTED',
      );
      expect(evaluate(text).findings).toContainEqual(
        expect.objectContaining({
          rule: 'approval-rejected',
          severity: 'error',
        }),
      );
    });

    it('does not ask a DRAFT for approvals', () => {
      const text = edit(
        edit(base, '`COMPLETE`', '`DRAFT`'),
        '2026-07-15 |\tAPPROVED',
        '2026-07-15 |\tPENDING',
      );
      expect(findingRules(text)).toEqual([]);
    });

    it('finds an IN_PROGRESS plan without execution approval', () => {
      const text = edit(
        edit(base, '`COMPLETE`', '`IN_PROGRESS`'),
        'Approved for Implementation: YES',
        'Approved for Implementation: NO',
      );
      expect(findingRules(text)).toEqual(['execution-not-approved']);
    });
  });

  describe('validation', () => {
    it('finds COMPLETE with failed or pending validation', () => {
      const failed = edit(
        base,
        'Test Pass Rate |\tPercentage of passing tests |\t100% |\t100%',
        'Test Pass Rate |\tPercentage of passing tests |\t100% |\t90%',
      );
      expect(findingRules(failed)).toEqual([
        'validation-failed',
        'complete-with-failed-validation',
      ]);
      const pending = edit(
        base,
        'Data Quality |\tFailed validation rules |\t0 |\t0',
        'Data Quality |\tFailed validation rules |\t0 |\t',
      );
      expect(findingRules(pending)).toEqual([
        'complete-with-pending-validation',
      ]);
    });

    it('counts results and the pass rate', () => {
      const evaluation = evaluate(samplePlan('sales-orders'));
      expect(evaluation.validation.counts).toEqual({
        pass: 3,
        fail: 2,
        pending: 2,
        unknown: 0,
      });
      expect(evaluation.summary.validationPassRate).toBeCloseTo(0.6);
    });

    it('lets a policy override a target', () => {
      const evaluation = evaluate(samplePlan('sales-orders'), {
        validationTargets: { 'test pass rate': '>= 90%' },
      });
      const criterion = evaluation.validation.technical.find(
        c => c.criteria === 'Test Pass Rate',
      );
      expect(criterion).toMatchObject({
        target: '>= 90%',
        actual: '92%',
        result: 'pass',
      });
    });
  });

  describe('risks', () => {
    it('scores risks, fills the matrix and finds unmitigated high-impact risks', () => {
      const evaluation = evaluate(samplePlan('sales-orders'));
      expect(evaluation.risks.topScore).toBe(9);
      expect(evaluation.risks.highRisks).toBe(2);
      expect(evaluation.risks.matrix).toEqual({
        low: { low: 0, medium: 1, high: 0 },
        medium: { low: 0, medium: 1, high: 1 },
        high: { low: 0, medium: 0, high: 1 },
      });
      expect(evaluation.risks.unmitigated.map(r => r.risk)).toEqual([
        'Late-arriving POS orders',
      ]);
      expect(evaluation.findings.map(f => f.rule)).toContain(
        'unmitigated-risk',
      );
    });

    it('lets a policy require mitigations from medium impact and raise the high-risk score', () => {
      const evaluation = evaluate(samplePlan('sales-orders'), {
        mitigationRequiredFrom: 'medium',
        highRiskScore: 9,
      });
      expect(evaluation.risks.highRisks).toBe(1);
      expect(evaluation.risks.unmitigated.map(r => r.risk)).toEqual([
        'Late-arriving POS orders',
      ]);
      const lowered = edit(
        samplePlan('sales-orders'),
        'Snowflake credit overrun |\tLow |\tMedium |\tResource monitor at 80% of the monthly quota',
        'Snowflake credit overrun |\tLow |\tMedium |\t',
      );
      expect(
        evaluate(lowered, { mitigationRequiredFrom: 'medium' }).risks
          .unmitigated,
      ).toHaveLength(2);
      expect(evaluate(lowered).risks.unmitigated).toHaveLength(1);
    });
  });

  describe('policy severities and summary', () => {
    it('changes or drops rules and counts by severity', () => {
      const text = samplePlan('inventory-forecast');
      const plain = evaluate(text);
      expect(plain.summary.counts.warning).toBeGreaterThan(0);
      const quiet = evaluate(text, {
        severities: {
          placeholder: 'off',
          'unknown-dependency': 'error',
          'unmitigated-risk': 'info',
        },
      });
      expect(quiet.diagnostics.map(d => d.rule)).toEqual([
        'unknown-dependency',
      ]);
      expect(quiet.diagnostics[0].severity).toBe('error');
      expect(quiet.summary.counts).toEqual({ error: 1, warning: 0, info: 1 });
    });

    it('summarises lifecycle and phase progress', () => {
      const summary = evaluate(samplePlan('inventory-forecast')).summary;
      expect(summary.status).toBe('DRAFT');
      expect(summary.lifecycleStep).toBe(0);
      expect(
        summary.phases.map(p => [p.title, p.objects, p.specified]),
      ).toEqual([
        ['Foundation Setup', 1, 1],
        ['Core Implementation', 1, 1],
        ['Automation', 0, 0],
      ]);
    });

    it('reads only the policy’s own severities, not those an object inherits', () => {
      const plan = parsePlan(samplePlan('inventory-forecast'));
      plan.diagnostics.push({
        key: 'constructor',
        severity: 'warning',
        rule: 'constructor',
        message: 'a rule named like a property of every object',
      });
      const { diagnostics } = evaluatePlan(plan, { severities: {} });
      expect(diagnostics[diagnostics.length - 1].severity).toBe('warning');
    });

    it('hashes equal policies alike whatever their key order', () => {
      expect(
        hashPolicy({ highRiskScore: 6, severities: { a: 'off', b: 'error' } }),
      ).toBe(
        hashPolicy({ severities: { b: 'error', a: 'off' }, highRiskScore: 6 }),
      );
      expect(hashPolicy({ highRiskScore: 6 })).not.toBe(
        hashPolicy({ highRiskScore: 9 }),
      );
      expect(hashPolicy()).toBe(hashPolicy({}));
    });
  });

  it('reads the plan as given: objects changed after parsing are evaluated as changed', () => {
    const plan = parsePlan(base);
    const before = evaluatePlan(plan);
    const profile = plan.objects.findIndex(o =>
      o.name.endsWith('.CUSTOMER_PROFILE'),
    );
    plan.objects[profile].dependencies = [];
    const after = evaluatePlan(plan);
    expect(before.dependsOn[profile]).toHaveLength(2);
    expect(after.dependsOn[profile]).toEqual([]);
  });

  it('is pure: evaluating twice gives the same result and leaves the plan as it was', () => {
    const plan = parsePlan(samplePlan('sales-orders'));
    const before = structuredClone(plan);
    expect(evaluatePlan(plan)).toEqual(evaluatePlan(plan));
    expect(plan).toEqual(before);
  });
});
