import { BUILT_IN_RULES } from './builtInRules';
import { countByRule } from './countByRule';
import { isRuleId, MAX_RULE_ID_LENGTH } from './ruleIds';

const waiver = {
  reason: 'accepted',
  approvedBy: 'user:default/jane',
  expires: '2030-01-01',
};

describe('countByRule', () => {
  it('counts each rule over all lists with its worst severity, by rule id', () => {
    expect(
      countByRule(
        [
          { key: 'a1', severity: 'warning', rule: 'placeholder', message: 'a' },
          {
            key: 'b1',
            severity: 'info',
            rule: 'missing-section',
            message: 'b',
          },
        ],
        [
          { key: 'a2', severity: 'error', rule: 'placeholder', message: 'a' },
          {
            key: 'c1',
            severity: 'warning',
            rule: 'approval-missing',
            message: 'c',
          },
        ],
      ),
    ).toEqual([
      { rule: 'approval-missing', severity: 'warning', count: 1 },
      { rule: 'missing-section', severity: 'info', count: 1 },
      { rule: 'placeholder', severity: 'error', count: 2 },
    ]);
  });

  it('leaves waived findings out: a rule whose findings are all waived has no count', () => {
    expect(
      countByRule([
        {
          key: 'a',
          severity: 'error',
          rule: 'unmitigated-risk',
          message: 'a',
          waiver,
        },
        {
          key: 'b',
          severity: 'warning',
          rule: 'placeholder',
          message: 'b',
          waiver,
        },
        { key: 'c', severity: 'warning', rule: 'placeholder', message: 'c' },
      ]),
    ).toEqual([{ rule: 'placeholder', severity: 'warning', count: 1 }]);
  });
});

describe('isRuleId', () => {
  it('takes every built-in rule id', () => {
    for (const rule of BUILT_IN_RULES) expect(isRuleId(rule)).toBe(true);
  });

  it('refuses ids of another charset or too long', () => {
    for (const id of [
      '',
      'Placeholder',
      '-a',
      'a-',
      'a--b',
      'a b',
      'a_b',
      '1a',
    ]) {
      expect(isRuleId(id)).toBe(false);
    }
    expect(isRuleId('a'.repeat(MAX_RULE_ID_LENGTH))).toBe(true);
    expect(isRuleId('a'.repeat(MAX_RULE_ID_LENGTH + 1))).toBe(false);
  });
});
