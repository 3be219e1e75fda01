import { isStuck } from './isStuck';

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
