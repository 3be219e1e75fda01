import { hashPolicy } from './policy';
import {
  mergePolicies,
  policyMatches,
  PolicyConfig,
  resolvePolicy,
} from './policyConfig';

describe('policyMatches', () => {
  it('compares owners as entity refs, group and default namespace by default', () => {
    for (const owner of ['team-a', 'group:team-a', 'group:default/team-a']) {
      expect(policyMatches({ owner }, { owner: 'team-a' })).toBe(true);
      expect(
        policyMatches({ owner: 'team-a' }, { owner: 'Group:Default/Team-A' }),
      ).toBe(true);
      expect(policyMatches({ owner }, { owner: 'user:team-a' })).toBe(false);
      expect(policyMatches({ owner }, { owner: 'other/team-a' })).toBe(false);
    }
    expect(policyMatches({ owner: 'team-a' }, {})).toBe(false);
    expect(policyMatches({ owner: 'team-a' }, { owner: ':' })).toBe(false);
  });

  it('compares systems as entity refs of kind system', () => {
    expect(
      policyMatches({ system: 'sales' }, { system: 'system:default/sales' }),
    ).toBe(true);
    expect(
      policyMatches({ system: 'sales' }, { system: 'group:default/sales' }),
    ).toBe(false);
  });

  it('holds for any of a list of owners, systems or lifecycles', () => {
    expect(
      policyMatches({ owner: ['team-b', 'team-a'] }, { owner: 'team-a' }),
    ).toBe(true);
    expect(
      policyMatches(
        { lifecycle: ['experimental', 'production'] },
        {
          lifecycle: 'production',
        },
      ),
    ).toBe(true);
    expect(
      policyMatches({ owner: ['team-b', 'team-c'] }, { owner: 'team-a' }),
    ).toBe(false);
  });

  it('ignores the case of lifecycles', () => {
    expect(
      policyMatches({ lifecycle: 'Production' }, { lifecycle: 'PRODUCTION' }),
    ).toBe(true);
    expect(policyMatches({ lifecycle: 'production' }, {})).toBe(false);
  });

  it('needs all the tags of the match', () => {
    const match = { tags: ['pii', 'finance'] };
    expect(policyMatches(match, { tags: ['finance', 'x', 'pii'] })).toBe(true);
    expect(policyMatches(match, { tags: ['pii'] })).toBe(false);
    expect(policyMatches(match, {})).toBe(false);
  });

  it('needs every field given; an empty match holds for everything', () => {
    const match = { owner: 'team-a', lifecycle: 'production' };
    expect(
      policyMatches(match, { owner: 'team-a', lifecycle: 'production' }),
    ).toBe(true);
    expect(
      policyMatches(match, { owner: 'team-a', lifecycle: 'experimental' }),
    ).toBe(false);
    expect(policyMatches({}, {})).toBe(true);
  });
});

describe('mergePolicies', () => {
  it('merges the maps key by key and replaces every other field', () => {
    expect(
      mergePolicies(
        {
          severities: { placeholder: 'off', 'unmitigated-risk': 'error' },
          validationTargets: { 'Test Pass Rate': '100%', Latency: '< 5s' },
          mitigationRequiredFrom: 'medium',
          highRiskScore: 6,
          requiredSections: ['risks', 'approvals'],
          maxWaiverDays: 30,
          stuckAfterDays: { REVIEW: 14, IN_PROGRESS: 30 },
        },
        {
          severities: { placeholder: 'warning' },
          validationTargets: { 'test pass rate': '>= 95%' },
          highRiskScore: 4,
          requiredSections: ['validation'],
          stuckAfterDays: { REVIEW: 7 },
        },
      ),
    ).toEqual({
      severities: { placeholder: 'warning', 'unmitigated-risk': 'error' },
      validationTargets: { Latency: '< 5s', 'test pass rate': '>= 95%' },
      mitigationRequiredFrom: 'medium',
      highRiskScore: 4,
      requiredSections: ['validation'],
      maxWaiverDays: 30,
      stuckAfterDays: { REVIEW: 7, IN_PROGRESS: 30 },
    });
  });

  it('merges status gates by status, then condition by condition', () => {
    expect(
      mergePolicies(
        {
          statusGates: {
            APPROVED: { minApprovedReviewers: 2, executionApproved: true },
            COMPLETE: { allCriteriaPass: true },
          },
        },
        {
          statusGates: {
            APPROVED: { minApprovedReviewers: 1 },
            REVIEW: { minApprovedReviewers: 0 },
          },
        },
      ).statusGates,
    ).toEqual({
      APPROVED: { minApprovedReviewers: 1, executionApproved: true },
      COMPLETE: { allCriteriaPass: true },
      REVIEW: { minApprovedReviewers: 0 },
    });
  });

  it('lets an explicit undefined erase nothing', () => {
    expect(
      mergePolicies(
        { highRiskScore: 6, severities: { placeholder: 'off' } },
        {
          highRiskScore: undefined,
          // As a caller without types may write it.
          severities: { placeholder: undefined } as unknown as Record<
            string,
            'off'
          >,
        },
      ),
    ).toEqual({ highRiskScore: 6, severities: { placeholder: 'off' } });
  });

  it('keeps rule ids that are names of Object’s properties as plain keys', () => {
    const merged = mergePolicies(
      { severities: JSON.parse('{"__proto__": "off", "constructor": "off"}') },
      { severities: JSON.parse('{"toString": "info"}') },
    );
    expect(Object.getPrototypeOf(merged.severities)).toBe(Object.prototype);
    expect(Object.keys(merged.severities ?? {})).toEqual([
      '__proto__',
      'constructor',
      'toString',
    ]);
  });
});

describe('resolvePolicy', () => {
  const config: PolicyConfig = {
    default: {
      severities: { placeholder: 'off' },
      highRiskScore: 6,
      statusGates: { APPROVED: { minApprovedReviewers: 1 } },
    },
    scopes: [
      {
        name: 'finance-production',
        match: { owner: 'group:default/finance', lifecycle: 'production' },
        policy: {
          highRiskScore: 4,
          statusGates: { APPROVED: { executionApproved: true } },
        },
      },
      {
        name: 'finance',
        match: { owner: 'finance' },
        policy: { severities: { 'unmitigated-risk': 'error' } },
      },
      { name: 'everyone', match: {}, policy: { maxWaiverDays: 10 } },
    ],
  };

  it('takes the first scope that matches, merged over the default', () => {
    expect(
      resolvePolicy(config, { owner: 'finance', lifecycle: 'Production' }),
    ).toEqual({
      name: 'finance-production',
      policy: {
        severities: { placeholder: 'off' },
        highRiskScore: 4,
        statusGates: {
          APPROVED: { minApprovedReviewers: 1, executionApproved: true },
        },
      },
    });
    expect(
      resolvePolicy(config, { owner: 'group:finance', lifecycle: 'test' }),
    ).toEqual({
      name: 'finance',
      policy: {
        severities: { placeholder: 'off', 'unmitigated-risk': 'error' },
        highRiskScore: 6,
        statusGates: { APPROVED: { minApprovedReviewers: 1 } },
      },
    });
    expect(resolvePolicy(config, { owner: 'team-a' }).name).toBe('everyone');
  });

  it('gives the default, named default, when no scope matches', () => {
    const [first, second] = config.scopes!;
    const narrow = { ...config, scopes: [first, second] };
    expect(resolvePolicy(narrow, { owner: 'team-a' })).toEqual({
      name: 'default',
      policy: config.default,
    });
    expect(resolvePolicy({ scopes: [first] }, {})).toEqual({
      name: 'default',
      policy: {},
    });
    expect(resolvePolicy(undefined, { owner: 'team-a' })).toEqual({
      name: 'default',
      policy: {},
    });
  });

  it('resolves to equal hashes however the config orders its keys', () => {
    const reordered: PolicyConfig = {
      scopes: config.scopes,
      default: {
        statusGates: { APPROVED: { minApprovedReviewers: 1 } },
        highRiskScore: 6,
        severities: { placeholder: 'off' },
      },
    };
    const facts = { owner: 'finance', lifecycle: 'production' };
    expect(hashPolicy(resolvePolicy(reordered, facts).policy)).toBe(
      hashPolicy(resolvePolicy(config, facts).policy),
    );
  });
});
