import { ConflictError, InputError } from '@backstage/errors';
import { PlanRule } from '@dataplan/plugin-data-plan-common';
import { PlanRuleRegistry } from './PlanRuleRegistry';

const rule = (id: string): PlanRule => ({
  id,
  title: id,
  defaultSeverity: 'warning',
  version: 1,
  check: () => [],
});

describe('PlanRuleRegistry', () => {
  it('keeps the rules in the order they were added', () => {
    const registry = PlanRuleRegistry.create();
    registry.addRules(rule('a-rule'), rule('b-rule'));
    registry.addRules(rule('c-rule'));
    expect(registry.list().map(r => r.id)).toEqual([
      'a-rule',
      'b-rule',
      'c-rule',
    ]);
  });

  it('refuses an id registered already, in the same call or an earlier one, adding none of the call', () => {
    const registry = PlanRuleRegistry.create();
    registry.addRules(rule('a-rule'));
    expect(() => registry.addRules(rule('b-rule'), rule('a-rule'))).toThrow(
      new ConflictError('Plan rule id "a-rule" is registered twice'),
    );
    expect(() => registry.addRules(rule('c-rule'), rule('c-rule'))).toThrow(
      ConflictError,
    );
    expect(registry.list().map(r => r.id)).toEqual(['a-rule']);
  });

  it('refuses a built-in id as an input error', () => {
    expect(() =>
      PlanRuleRegistry.create().addRules(rule('layer-direction')),
    ).toThrow(
      new InputError(`Plan rule id "layer-direction" is a built-in rule's id`),
    );
  });
});
