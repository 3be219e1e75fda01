import {
  isWaiverRule,
  WAIVER_RULE_SEVERITIES,
  WAIVER_RULES,
} from './waiverRules';

describe('waiver rules', () => {
  it('has a default severity for each rule, and knows its own ids only', () => {
    expect(Object.keys(WAIVER_RULE_SEVERITIES)).toEqual([...WAIVER_RULES]);
    expect(WAIVER_RULES.every(isWaiverRule)).toBe(true);
    expect(isWaiverRule('placeholder')).toBe(false);
    expect(isWaiverRule('constructor')).toBe(false);
  });
});
