import { PLAN_SECTION_KEYS } from './types';
import {
  parsePlanPolicy,
  parsePolicyConfig,
  PolicyError,
  planPolicySchema,
} from './policySchema';

function errorOf(parse: () => unknown): PolicyError {
  try {
    parse();
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('parsed without an error');
}

function policyError(value: unknown): string {
  return errorOf(() => parsePlanPolicy(value)).message;
}

function configError(value: unknown): string {
  return errorOf(() => parsePolicyConfig(value)).message;
}

/** `depth` objects inside each other, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'junk';
  for (let i = 0; i < depth; i++) value = { a: value, b: [value] };
  return value;
}

describe('parsePlanPolicy', () => {
  it('accepts a severity for any rule id: a registered rule’s, or one nothing knows', () => {
    // An unknown id is not an error here: evaluating under the policy reports it.
    const policy = {
      severities: {
        'consumption-depends-on-raw': 'error',
        'no-such-rule': 'off',
      },
    };
    expect(parsePlanPolicy(policy)).toEqual(policy);
  });

  it('returns a policy with every field', () => {
    const policy = {
      severities: { placeholder: 'off', 'unknown-dependency': 'error' },
      validationTargets: { 'Test Pass Rate': '>= 95%' },
      mitigationRequiredFrom: 'medium',
      highRiskScore: 9,
      requiredSections: [...PLAN_SECTION_KEYS],
      statusGates: {
        APPROVED: { minApprovedReviewers: 0, executionApproved: false },
        COMPLETE: { allCriteriaPass: true, minApprovedReviewers: 3 },
      },
      maxWaiverDays: 30,
      stuckAfterDays: { DRAFT: 1, REVIEW: 14 },
    };
    expect(parsePlanPolicy(policy)).toEqual(policy);
    expect(parsePlanPolicy({})).toEqual({});
    expect(planPolicySchema.safeParse(policy).success).toBe(true);
  });

  it.each([
    [
      { severities: { 'unknown-dependency': 'fatal' } },
      'policy.severities.unknown-dependency must be one of error, warning, info, off',
    ],
    [
      { severities: ['error'] },
      'policy.severities must be an object of rule ids and severities',
    ],
    [
      { validationTargets: { Latency: 5 } },
      'policy.validationTargets.Latency must be text',
    ],
    [
      { validationTargets: 'fast' },
      'policy.validationTargets must be an object of criterion names and targets',
    ],
    [
      { mitigationRequiredFrom: 'HIGH' },
      'policy.mitigationRequiredFrom must be one of low, medium, high',
    ],
    [
      { highRiskScore: 0 },
      'policy.highRiskScore must be a whole number from 1 to 9',
    ],
    [
      { highRiskScore: 10 },
      'policy.highRiskScore must be a whole number from 1 to 9',
    ],
    [
      { highRiskScore: 4.5 },
      'policy.highRiskScore must be a whole number from 1 to 9',
    ],
    [
      { highRiskScore: '6' },
      'policy.highRiskScore must be a whole number from 1 to 9',
    ],
    [
      { requiredSections: 'risks' },
      'policy.requiredSections must be a list of section keys',
    ],
    [
      { requiredSections: ['risks', 'Risks'] },
      `policy.requiredSections[1] must be one of ${PLAN_SECTION_KEYS.join(
        ', ',
      )}`,
    ],
    [
      { requiredSections: ['risks', 'approvals', 'risks'] },
      'policy.requiredSections[2] names risks a second time',
    ],
    [
      { statusGates: { FINISHED: {} } },
      'policy.statusGates.FINISHED is not a plan status: use one of DRAFT, REVIEW, APPROVED, IN_PROGRESS, COMPLETE',
    ],
    [
      { statusGates: { APPROVED: true } },
      'policy.statusGates.APPROVED must be a gate: an object of conditions',
    ],
    [
      { statusGates: { APPROVED: { quorum: 2 } } },
      'policy.statusGates.APPROVED.quorum is not a gate condition: use one of minApprovedReviewers, executionApproved, allCriteriaPass',
    ],
    [
      { statusGates: { APPROVED: { minApprovedReviewers: -1 } } },
      'policy.statusGates.APPROVED.minApprovedReviewers must be a whole number, at least 0',
    ],
    [
      { statusGates: { IN_PROGRESS: { executionApproved: 'yes' } } },
      'policy.statusGates.IN_PROGRESS.executionApproved must be true or false',
    ],
    [
      { statusGates: { COMPLETE: { allCriteriaPass: 1 } } },
      'policy.statusGates.COMPLETE.allCriteriaPass must be true or false',
    ],
    [
      { maxWaiverDays: 0 },
      'policy.maxWaiverDays must be a whole number, at least 1',
    ],
    [
      { maxWaiverDays: 1.5 },
      'policy.maxWaiverDays must be a whole number, at least 1',
    ],
    [
      { maxWaiverDays: Number.POSITIVE_INFINITY },
      'policy.maxWaiverDays must be a whole number, at least 1',
    ],
    [
      { stuckAfterDays: { REVIEW: 0 } },
      'policy.stuckAfterDays.REVIEW must be a whole number, at least 1',
    ],
    [
      { stuckAfterDays: { review: 3 } },
      'policy.stuckAfterDays.review is not a plan status: use one of DRAFT, REVIEW, APPROVED, IN_PROGRESS, COMPLETE',
    ],
    [
      { stuckAfterDays: 14 },
      'policy.stuckAfterDays must be an object of days by plan status',
    ],
  ])('refuses %j: %s', (value, message) => {
    expect(policyError(value)).toBe(message);
  });

  it('refuses unknown keys, naming the key and the known ones', () => {
    expect(policyError({ highRiskScore: 6, severity: {} })).toBe(
      'policy.severity is not a policy field: use one of severities, validationTargets, mitigationRequiredFrom, highRiskScore, requiredSections, statusGates, maxWaiverDays, stuckAfterDays',
    );
    expect(
      policyError(JSON.parse('{"__proto__": {"highRiskScore": 1}}')),
    ).toMatch(/^policy\.__proto__ is not a policy field/);
    expect(policyError({ 'two words': 1 })).toMatch(
      /^policy\["two words"\] is not a policy field/,
    );
  });

  it('refuses what is not an object', () => {
    for (const value of [null, 'policy', 6, ['a'], true]) {
      expect(policyError(value)).toBe('policy must be an object');
    }
    expect(policyError(undefined)).toBe('policy is required');
  });

  it('names the field and what is wrong apart, for a caller to word its own message', () => {
    const error = errorOf(() =>
      parsePlanPolicy({ severities: { placeholder: 'loud' } }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PolicyError');
    expect(error.field).toBe('severities.placeholder');
    expect(error.reason).toBe('must be one of error, warning, info, off');
    expect(errorOf(() => parsePlanPolicy([])).field).toBe('');
  });

  describe('hostile input', () => {
    it('accepts 10,000 severities and refuses them when one is wrong', () => {
      const severities: Record<string, string> = {};
      for (let i = 0; i < 10_000; i++) severities[`rule-${i}`] = 'info';
      expect(
        Object.keys(parsePlanPolicy({ severities }).severities!),
      ).toHaveLength(10_000);
      severities['rule-9999'] = 'loud';
      expect(policyError({ severities })).toBe(
        'policy.severities.rule-9999 must be one of error, warning, info, off',
      );
    });

    it('refuses 10,000 unknown keys and 10,000 wrong severities with one error', () => {
      const junk: Record<string, number> = {};
      for (let i = 0; i < 10_000; i++) junk[`key-${i}`] = i;
      expect(policyError(junk)).toMatch(/^policy\.key-0 is not a policy field/);
      expect(policyError({ severities: junk })).toBe(
        'policy.severities.key-0 must be one of error, warning, info, off',
      );
    });

    it('refuses deeply nested junk without descending into it', () => {
      const deep = nested(100_000);
      expect(policyError({ severities: { placeholder: deep } })).toBe(
        'policy.severities.placeholder must be one of error, warning, info, off',
      );
      expect(policyError({ junk: deep })).toMatch(/^policy\.junk is not/);
      expect(policyError({ statusGates: { APPROVED: deep } })).toMatch(
        /^policy\.statusGates\.APPROVED\.a is not a gate condition/,
      );
      expect(policyError({ requiredSections: [deep] })).toMatch(
        /^policy\.requiredSections\[0\] must be one of/,
      );
      expect(policyError(deep)).toMatch(/^policy\.a is not a policy field/);
    });

    it('shows at most the start of a very long key', () => {
      const key = 'k'.repeat(1_000_000);
      const message = policyError({ severities: { [key]: 'loud' } });
      expect(message).toBe(
        `policy.severities["${'k'.repeat(
          80,
        )}…"] must be one of error, warning, info, off`,
      );
    });
  });
});

describe('parsePolicyConfig', () => {
  const scope = (fields: object) => ({
    name: 'finance',
    match: {},
    policy: {},
    ...fields,
  });

  it('returns the default and the scopes', () => {
    const config = {
      default: { highRiskScore: 6 },
      scopes: [
        {
          name: 'finance-production',
          match: {
            owner: ['finance', 'group:default/treasury'],
            system: 'ledger',
            lifecycle: ['production'],
            tags: ['pii'],
          },
          policy: { statusGates: { APPROVED: { minApprovedReviewers: 2 } } },
        },
        { name: 'everyone', match: {}, policy: {} },
      ],
    };
    expect(parsePolicyConfig(config)).toEqual(config);
    expect(parsePolicyConfig({})).toEqual({});
  });

  it.each([
    [
      { severities: {} },
      'policy.severities is not a policy config field: use one of default, scopes',
    ],
    [
      { default: { highRiskScore: 12 } },
      'policy.default.highRiskScore must be a whole number from 1 to 9',
    ],
    [{ scopes: {} }, 'policy.scopes must be a list of scopes'],
    [
      { scopes: ['finance'] },
      'policy.scopes[0] must be an object with name, match and policy',
    ],
    [
      { scopes: [scope({ name: undefined })] },
      'policy.scopes[0].name is required',
    ],
    [
      { scopes: [scope({ name: '  ' })] },
      'policy.scopes[0].name must not be empty',
    ],
    [{ scopes: [scope({ name: 7 })] }, 'policy.scopes[0].name must be text'],
    [
      { scopes: [scope({ name: 'default' })] },
      'policy.scopes[0].name must not be default, the name of the policy without a scope',
    ],
    [
      { scopes: [scope({}), scope({ name: 'x' }), scope({})] },
      'policy.scopes[2].name must be unique: another scope is named finance',
    ],
    [
      { scopes: [scope({ match: undefined })] },
      'policy.scopes[0].match is required',
    ],
    [
      { scopes: [scope({ policy: undefined })] },
      'policy.scopes[0].policy is required',
    ],
    [
      { scopes: [scope({ extra: 1 })] },
      'policy.scopes[0].extra is not a scope field: use one of name, match, policy',
    ],
    [
      { scopes: [scope({ match: { team: 'a' } })] },
      'policy.scopes[0].match.team is not a match field: use one of owner, system, lifecycle, tags',
    ],
    [
      { scopes: [scope({ match: { owner: 'group:' } })] },
      'policy.scopes[0].match.owner must be an entity ref, e.g. group:default/name',
    ],
    [
      { scopes: [scope({ match: { owner: ['finance', 5] } })] },
      'policy.scopes[0].match.owner[1] must be text',
    ],
    [
      { scopes: [scope({ match: { owner: [] } })] },
      'policy.scopes[0].match.owner must name at least one',
    ],
    [
      { scopes: [scope({ match: { system: { name: 'ledger' } } })] },
      'policy.scopes[0].match.system must be an entity ref (e.g. system:default/name) or a list of them',
    ],
    [
      { scopes: [scope({ match: { lifecycle: '' } })] },
      'policy.scopes[0].match.lifecycle must not be empty',
    ],
    [
      { scopes: [scope({ match: { lifecycle: 3 } })] },
      'policy.scopes[0].match.lifecycle must be a lifecycle or a list of them',
    ],
    [
      { scopes: [scope({ match: { tags: 'pii' } })] },
      'policy.scopes[0].match.tags must be a list of tags',
    ],
    [
      { scopes: [scope({ match: { tags: [] } })] },
      'policy.scopes[0].match.tags must name at least one',
    ],
    [
      { scopes: [scope({ policy: { severities: { placeholder: 'loud' } } })] },
      'policy.scopes[0].policy.severities.placeholder must be one of error, warning, info, off',
    ],
  ])('refuses %j: %s', (value, message) => {
    expect(configError(value)).toBe(message);
  });

  it('refuses 10,000 scopes of junk and deeply nested matches with one error', () => {
    const deep = nested(100_000);
    expect(configError({ scopes: Array(10_000).fill(deep) })).toBe(
      'policy.scopes[0].name is required',
    );
    expect(configError({ scopes: [scope({ match: { owner: [deep] } })] })).toBe(
      'policy.scopes[0].match.owner[0] must be text',
    );
    expect(configError({ scopes: [scope({ match: deep })] })).toMatch(
      /^policy\.scopes\[0\]\.match\.a is not a match field/,
    );
  });

  it('checks 10,000 well-formed scopes', () => {
    const scopes = Array.from({ length: 10_000 }, (_, i) =>
      scope({ name: `scope-${i}`, match: { owner: `team-${i}` } }),
    );
    expect(parsePolicyConfig({ scopes }).scopes).toHaveLength(10_000);
  });
});
