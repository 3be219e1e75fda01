import { fixture } from './__testUtils__';
import { contentKey, objectKey, ruleKey } from './findingKeys';
import { applyPlanRules, PlanRule, planRuleProblem } from './planRules';
import { readPlan } from './readPlan';

const complete = () => readPlan(fixture('complete-plan'));

/** One finding per object whose name ends in `suffix`, about that object. */
function suffixRule(
  suffix: string,
  overrides: Partial<PlanRule> = {},
): PlanRule {
  return {
    id: 'object-suffix',
    title: 'Object suffix',
    defaultSeverity: 'warning',
    version: 1,
    check: ({ plan }) =>
      plan.objects
        .filter(object => object.name.endsWith(suffix))
        .map(object => ({
          subject: objectKey(object),
          message: `${object.name} ends in ${suffix}`,
          line: object.line,
        })),
    ...overrides,
  };
}

const throwing: PlanRule = {
  id: 'always-throws',
  title: 'Always throws',
  defaultSeverity: 'error',
  version: 1,
  check: () => {
    throw new Error('no such table');
  },
};

describe('applyPlanRules', () => {
  it('adds a rule’s findings with content keys, its default severity and the counts', () => {
    const result = complete();
    expect(result.evaluation.findings).toEqual([]);
    const evaluation = applyPlanRules(result, [suffixRule('_CONTACTS')]);
    const contacts = result.plan.objects.find(o =>
      o.name.endsWith('CRM_CONTACTS'),
    )!;
    expect(evaluation.findings).toEqual([
      {
        key: `object-suffix:${contentKey('object', 'MKT_DB.RAW.CRM_CONTACTS')}`,
        severity: 'warning',
        rule: 'object-suffix',
        message: 'MKT_DB.RAW.CRM_CONTACTS ends in _CONTACTS',
        line: contacts.line,
      },
    ]);
    expect(evaluation.summary.counts).toEqual({
      ...result.evaluation.summary.counts,
      warning: result.evaluation.summary.counts.warning + 1,
    });
    // The evaluation it was given is left as it was.
    expect(result.evaluation.findings).toEqual([]);
  });

  it('tells equal subjects apart by their order', () => {
    const rule: PlanRule = {
      ...suffixRule(''),
      check: () => [
        { subject: 'same', message: 'first' },
        { subject: 'same', message: 'second' },
        { message: 'about the plan' },
      ],
    };
    const keys = applyPlanRules(complete(), [rule]).findings.map(f => f.key);
    expect(keys).toEqual([
      'object-suffix:same',
      'object-suffix:same#2',
      'object-suffix',
    ]);
  });

  it('takes the policy’s severity for the rule, and skips a rule set off', () => {
    const result = complete();
    const rule = suffixRule('_EVENTS');
    const raised = applyPlanRules(result, [rule], {
      policy: { severities: { 'object-suffix': 'error' } },
    });
    expect(raised.findings.map(f => f.severity)).toEqual(['error']);
    expect(raised.summary.counts.error).toBe(
      result.evaluation.summary.counts.error + 1,
    );

    const check = jest.fn(rule.check);
    const off = applyPlanRules(result, [{ ...rule, check }], {
      policy: { severities: { 'object-suffix': 'off' } },
    });
    expect(off).toBe(result.evaluation);
    expect(check).not.toHaveBeenCalled();
  });

  it('gives the rule the plan, its evaluation and the entity', () => {
    const result = complete();
    const check = jest.fn(() => []);
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'customer-360' },
    };
    applyPlanRules(result, [{ ...suffixRule(''), check }], { entity });
    expect(check).toHaveBeenCalledWith({ ...result, entity });
  });

  it('turns a rule that throws into one warning naming it, and runs the others', () => {
    const evaluation = applyPlanRules(complete(), [
      throwing,
      suffixRule('_EVENTS'),
    ]);
    expect(evaluation.findings).toEqual([
      {
        key: `rule-failed:${ruleKey('always-throws')}`,
        severity: 'warning',
        rule: 'rule-failed',
        message:
          'Rule always-throws (Always throws) failed and did not check the plan: Error: no such table',
      },
      expect.objectContaining({ rule: 'object-suffix' }),
    ]);
    expect(evaluation.summary.counts.error).toBe(0);
  });

  it('refuses what is not a list of findings as a failed rule, keeping none of it', () => {
    const malformed = [
      () => undefined,
      () => [{ subject: 'x' }],
      () => [{ message: 'm', line: 0 }],
      () => [{ message: 'm', subject: 7 }],
      () => [{ message: 'fine' }, null],
    ];
    for (const check of malformed) {
      const rule = { ...suffixRule(''), check } as unknown as PlanRule;
      expect(
        applyPlanRules(complete(), [rule]).findings.map(f => f.rule),
      ).toEqual(['rule-failed']);
    }
  });

  it('reports a policy severity for a rule nothing knows as one info finding', () => {
    const evaluation = applyPlanRules(complete(), [suffixRule('_NONE')], {
      policy: {
        severities: {
          'object-suffix': 'error',
          placeholder: 'off',
          'layer-naming': 'error',
        },
      },
    });
    expect(evaluation.findings).toEqual([
      {
        key: `unknown-rule:${ruleKey('layer-naming')}`,
        severity: 'info',
        rule: 'unknown-rule',
        message:
          'The policy sets a severity for rule "layer-naming", which is neither built in nor registered',
      },
    ]);
    expect(evaluation.summary.counts.info).toBe(1);
  });

  it('reports an unknown id without any rules registered, unless the policy turns that off', () => {
    const policy = { severities: { 'no-such-rule': 'error' as const } };
    expect(
      applyPlanRules(complete(), [], { policy }).findings.map(f => f.rule),
    ).toEqual(['unknown-rule']);
    const quiet = {
      severities: { ...policy.severities, 'unknown-rule': 'off' as const },
    };
    expect(applyPlanRules(complete(), [], { policy: quiet }).findings).toEqual(
      [],
    );
  });

  it('never gives a rule’s finding a key another finding has', () => {
    const result = readPlan(fixture('seed-template'));
    const taken = result.evaluation.diagnostics[0];
    const collide: PlanRule = {
      ...suffixRule(''),
      id: taken.rule,
      check: () => [
        { subject: taken.key.slice(taken.rule.length + 1), message: 'm' },
      ],
    };
    const keys = new Set([
      ...result.evaluation.diagnostics.map(d => d.key),
      ...result.evaluation.findings.map(d => d.key),
    ]);
    const [added] = applyPlanRules(result, [collide]).findings.slice(-1);
    expect(keys.has(added.key)).toBe(false);
  });

  describe('with a time budget', () => {
    /** A clock that moves by `step` ms each time it is read. */
    const clock = (step: number) => {
      let t = 0;
      return () => (t += step);
    };

    it('keeps the findings of rules that finish within the budget', () => {
      const evaluation = applyPlanRules(complete(), [suffixRule('_EVENTS')], {
        budgetMs: 100,
        now: clock(10),
      });
      expect(evaluation.findings.map(f => f.rule)).toEqual(['object-suffix']);
    });

    it('replaces the findings by one saying the rules ran over, and stops running them', () => {
      const later = jest.fn(() => []);
      const evaluation = applyPlanRules(
        complete(),
        [
          throwing,
          suffixRule('_EVENTS'),
          { ...suffixRule(''), id: 'later', check: later },
        ],
        { budgetMs: 15, now: clock(10) },
      );
      expect(evaluation.findings).toEqual([
        {
          key: 'rules-over-budget',
          severity: 'warning',
          rule: 'rules-over-budget',
          message:
            "The plan rules took longer than the 15 ms left of the plan's time budget; their findings are left out",
        },
      ]);
      expect(later).not.toHaveBeenCalled();
      expect(evaluation.summary.counts.warning).toBe(1);
    });

    it('runs no rule when nothing is left of the budget', () => {
      const check = jest.fn(() => []);
      const evaluation = applyPlanRules(
        complete(),
        [{ ...suffixRule(''), check }],
        {
          budgetMs: 0,
          now: clock(0),
        },
      );
      expect(check).not.toHaveBeenCalled();
      expect(evaluation.findings.map(f => f.rule)).toEqual([
        'rules-over-budget',
      ]);
    });
  });
});

describe('planRuleProblem', () => {
  const rule = suffixRule('');

  it('accepts a well-formed rule with a new id', () => {
    expect(planRuleProblem(rule, new Set(['other']))).toBeUndefined();
  });

  it('names what is wrong', () => {
    expect(planRuleProblem(rule, new Set(['object-suffix']))).toBe(
      'Plan rule id "object-suffix" is registered twice',
    );
    expect(planRuleProblem({ ...rule, id: 'placeholder' }, new Set())).toBe(
      `Plan rule id "placeholder" is a built-in rule's id`,
    );
    expect(planRuleProblem({ ...rule, id: 'Bad Id' }, new Set())).toMatch(
      /^Plan rule id "Bad Id" must be lower-case words joined by '-'/,
    );
    expect(
      planRuleProblem({ ...rule, id: 'a'.repeat(101) }, new Set()),
    ).toMatch(/at most 100 characters$/);
    expect(
      planRuleProblem({ ...rule, defaultSeverity: 'off' as never }, new Set()),
    ).toBe(
      'Plan rule "object-suffix" must have a defaultSeverity of error, warning, info',
    );
    expect(planRuleProblem({ ...rule, version: '' }, new Set())).toBe(
      'Plan rule "object-suffix" must have a version (text or a number)',
    );
    expect(
      planRuleProblem({ ...rule, check: undefined as never }, new Set()),
    ).toBe('Plan rule "object-suffix" must have a check function');
    expect(planRuleProblem({} as PlanRule, new Set())).toBe(
      'A plan rule must have an id',
    );
  });
});
