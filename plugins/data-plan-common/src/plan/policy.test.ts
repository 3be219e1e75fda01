import { hashPolicy, PlanPolicy } from './policy';

describe('hashPolicy', () => {
  it('keeps the hash of a policy without rules as it has always been', () => {
    // Stored evaluations are keyed by these: a change would re-read every plan.
    expect(hashPolicy()).toBe('5465b825');
    const policy: PlanPolicy = {
      highRiskScore: 6,
      severities: { placeholder: 'off' },
    };
    expect(hashPolicy(policy)).toBe('2db42c81');
    expect(hashPolicy(policy, [])).toBe('2db42c81');
    expect(hashPolicy(policy, undefined)).toBe('2db42c81');
  });

  it('hashes the new fields whatever their key order', () => {
    const a: PlanPolicy = {
      requiredSections: ['risks', 'approvals'],
      statusGates: {
        APPROVED: { minApprovedReviewers: 2, executionApproved: true },
        COMPLETE: { allCriteriaPass: true },
      },
      maxWaiverDays: 30,
      stuckAfterDays: { REVIEW: 14, IN_PROGRESS: 30 },
    };
    const b: PlanPolicy = {
      stuckAfterDays: { IN_PROGRESS: 30, REVIEW: 14 },
      maxWaiverDays: 30,
      statusGates: {
        COMPLETE: { allCriteriaPass: true },
        APPROVED: { executionApproved: true, minApprovedReviewers: 2 },
      },
      requiredSections: ['approvals', 'risks', 'risks'],
    };
    expect(hashPolicy(a)).toBe(hashPolicy(b));
    expect(hashPolicy(a)).not.toBe(hashPolicy({ ...a, maxWaiverDays: 31 }));
    expect(hashPolicy(a)).not.toBe(
      hashPolicy({ ...a, stuckAfterDays: { REVIEW: 14 } }),
    );
    expect(hashPolicy(a)).not.toBe(
      hashPolicy({ ...a, requiredSections: ['risks'] }),
    );
    expect(hashPolicy(a)).not.toBe(
      hashPolicy({
        ...a,
        statusGates: { ...a.statusGates, REVIEW: { allCriteriaPass: true } },
      }),
    );
  });

  it('changes with the registered rules and their versions, in any order', () => {
    const policy: PlanPolicy = { highRiskScore: 6 };
    const rules = [
      { id: 'naming', version: 1 },
      { id: 'custom-owner', version: '2' },
    ];
    const hashed = hashPolicy(policy, rules);
    expect(hashed).not.toBe(hashPolicy(policy));
    expect(hashPolicy(policy, [...rules].reverse())).toBe(hashed);
    expect(
      hashPolicy(policy, [
        { id: 'naming', version: 2 },
        { id: 'custom-owner', version: '2' },
      ]),
    ).not.toBe(hashed);
    expect(hashPolicy(policy, [{ id: 'naming', version: 1 }])).not.toBe(hashed);
    expect(hashPolicy({ highRiskScore: 5 }, rules)).not.toBe(hashed);
  });
});
