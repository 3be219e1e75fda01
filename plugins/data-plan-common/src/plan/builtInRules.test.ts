import { HOSTILE_CASES, normalPlan } from '@internal/plan-fixtures';
import { REPOSITORY_RULES } from '../repository/repositoryRules';
import { SQL_LINEAGE_RULES } from '../sql/lineageRuleIds';
import { edit, fixture, samplePlan } from './__testUtils__';
import {
  BUILT_IN_RULES,
  EVALUATION_RULES,
  PARSER_RULES,
  RULE_RUN_RULES,
} from './builtInRules';
import { OBJECT_RULES } from './objectFindings';
import { POLICY_RULES } from './policyRules';
import { readPlan } from './readPlan';
import { WAIVER_RULES } from './waiverRules';

describe('BUILT_IN_RULES', () => {
  it('names each rule once, in exactly one list', () => {
    const lists = [
      PARSER_RULES,
      OBJECT_RULES,
      EVALUATION_RULES,
      POLICY_RULES,
      RULE_RUN_RULES,
      WAIVER_RULES,
      REPOSITORY_RULES,
      SQL_LINEAGE_RULES,
    ];
    const total = lists.reduce((n, list) => n + list.length, 0);
    expect(BUILT_IN_RULES.size).toBe(total);
    // A policy may set the waiver rules' severities, and no custom rule may take them.
    for (const rule of WAIVER_RULES)
      expect(BUILT_IN_RULES.has(rule)).toBe(true);
  });

  it('holds every rule the parser and the evaluation report', () => {
    const documents: unknown[] = [
      fixture('seed-template'),
      fixture('complete-plan'),
      edit(fixture('complete-plan'), '**Status**', '**Stat**'),
      samplePlan('sales-orders'),
      samplePlan('customer-360'),
      samplePlan('inventory-forecast'),
      normalPlan(40),
      'no plan here',
      42,
      ...HOSTILE_CASES.flatMap(c => [
        c.build(200),
        ...(c.variants?.(200) ?? []),
      ]),
    ];
    const seen = new Set<string>();
    for (const document of documents) {
      const { plan, evaluation } = readPlan(document, {
        requiredSections: ['risks'],
        statusGates: { DRAFT: { minApprovedReviewers: 9 } },
      });
      for (const d of [...plan.diagnostics, ...evaluation.findings]) {
        seen.add(d.rule);
      }
    }
    const unlisted = [...seen].filter(rule => !BUILT_IN_RULES.has(rule));
    expect(unlisted).toEqual([]);
    // The documents reach far enough for the check to mean something.
    expect(seen.size).toBeGreaterThan(15);
  });
});
