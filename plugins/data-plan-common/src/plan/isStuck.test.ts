import { isStuck, stuckAfterDays, stuckFrom } from './isStuck';

describe('isStuck', () => {
  const policy = { stuckAfterDays: { REVIEW: 14 } };

  it('is stuck after more days in the status than the policy allows', () => {
    expect(isStuck('REVIEW', 15, policy)).toBe(true);
    expect(isStuck('REVIEW', 14, policy)).toBe(false);
    expect(isStuck('REVIEW', 0, policy)).toBe(false);
  });

  it('is never stuck without a limit for the status, a status or a number of days', () => {
    expect(isStuck('APPROVED', 400, policy)).toBe(false);
    expect(isStuck(undefined, 400, policy)).toBe(false);
    expect(isStuck('REVIEW', undefined, policy)).toBe(false);
    expect(isStuck('REVIEW', 400)).toBe(false);
    expect(isStuck('REVIEW', 400, {})).toBe(false);
  });
});

describe('stuckFrom', () => {
  const policy = { stuckAfterDays: { REVIEW: 3 } };

  it('is the first day isStuck counts the plan stuck on', () => {
    const since = new Date(Date.UTC(2026, 10, 2, 18, 30));
    const from = stuckFrom(since, stuckAfterDays('REVIEW', policy)!);
    expect(from).toEqual(new Date(Date.UTC(2026, 10, 6)));
    const days = (at: Date) =>
      Math.floor(at.getTime() / 86_400_000) -
      Math.floor(since.getTime() / 86_400_000);
    const before = new Date(from.getTime() - 1);
    expect(isStuck('REVIEW', days(before), policy)).toBe(false);
    expect(isStuck('REVIEW', days(from), policy)).toBe(true);
  });

  it('has no limit for a status the policy does not limit', () => {
    expect(stuckAfterDays('DRAFT', policy)).toBeUndefined();
    expect(stuckAfterDays(undefined, policy)).toBeUndefined();
    expect(stuckAfterDays('REVIEW', undefined)).toBeUndefined();
  });
});
