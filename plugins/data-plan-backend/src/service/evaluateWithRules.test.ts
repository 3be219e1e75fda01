import {
  evaluatePlan,
  parsePlan,
  PlanRule,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateWithRules } from './evaluateWithRules';

const plan = parsePlan(
  readFileSync(
    resolve(
      __dirname,
      '../../../../examples/data-projects/sales-orders/PLAN.md',
    ),
    'utf8',
  ),
);

const wholePlan: PlanRule = {
  id: 'whole-plan',
  title: 'Whole plan',
  defaultSeverity: 'info',
  version: 1,
  check: () => [{ message: 'seen' }],
};

/** A clock that moves by `step` ms each time it is read. */
function clock(step: number) {
  let t = 0;
  return () => (t += step);
}

describe('evaluateWithRules', () => {
  it('evaluates a stored plan under the policy and adds the rules’ findings', () => {
    const policy = { highRiskScore: 2 };
    const evaluation = evaluateWithRules({
      plan,
      policy,
      ruleSet: { rules: [wholePlan], budgetMs: 1_000, now: clock(1) },
    });
    const plain = evaluatePlan(plan, policy);
    expect(evaluation.risks).toEqual(plain.risks);
    expect(evaluation.findings).toEqual([
      ...plain.findings,
      {
        key: 'whole-plan',
        severity: 'info',
        rule: 'whole-plan',
        message: 'seen',
      },
    ]);
  });

  it('gives the rules what the parse left of the budget', () => {
    const parsed = evaluatePlan(plan);
    const within = evaluateWithRules({
      plan,
      evaluation: parsed,
      spentMs: 80,
      policy: {},
      ruleSet: { rules: [wholePlan], budgetMs: 100, now: clock(10) },
    });
    expect(within.findings.at(-1)?.rule).toBe('whole-plan');

    const over = evaluateWithRules({
      plan,
      evaluation: parsed,
      spentMs: 95,
      policy: {},
      ruleSet: { rules: [wholePlan], budgetMs: 100, now: clock(10) },
    });
    expect(over.findings.at(-1)).toMatchObject({
      rule: 'rules-over-budget',
      message: expect.stringContaining('the 5 ms left'),
    });
  });

  it('without rules leaves the parse’s evaluation as it is', () => {
    const parsed = evaluatePlan(plan);
    expect(evaluateWithRules({ plan, evaluation: parsed, policy: {} })).toBe(
      parsed,
    );
  });

  it('applies the waivers last, to the rules’ findings too, under the policy', () => {
    const waiver = (index: number, rule: string, expires: string) => ({
      index,
      rule,
      match: { line: 1 },
      reason: 'Accepted for the pilot',
      approvedBy: `user:default/approver-${index}`,
      expires,
    });
    const lineOne: PlanRule = {
      ...wholePlan,
      id: 'line-one',
      defaultSeverity: 'warning',
      check: () => [{ message: 'first line', line: 1 }],
    };
    const evaluation = evaluateWithRules({
      plan,
      policy: { maxWaiverDays: 90 },
      ruleSet: { rules: [lineOne], budgetMs: 1_000, now: clock(1) },
      waivers: {
        file: {
          waivers: [
            waiver(0, 'line-one', '2026-03-01'),
            waiver(1, 'whole-plan', '2026-12-31'),
          ],
          problems: [],
        },
        today: new Date('2026-02-01T12:00:00Z'),
        isAllowedApprover: approvedBy => approvedBy.endsWith('-0'),
      },
    });
    expect(evaluation.findings.find(f => f.rule === 'line-one')).toMatchObject({
      waiver: {
        reason: 'Accepted for the pilot',
        approvedBy: 'user:default/approver-0',
        expires: '2026-03-01',
      },
    });
    expect(
      evaluation.findings
        .filter(f => f.rule === 'waiver-invalid')
        .map(f => f.message),
    ).toEqual([
      expect.stringContaining(
        'user:default/approver-1 may not approve it; it expires 2026-12-31, 333 days from 2026-02-01',
      ),
    ]);
    expect(evaluation.summary.counts.warning).toBe(
      evaluatePlan(plan, { maxWaiverDays: 90 }).summary.counts.warning,
    );
  });
});
