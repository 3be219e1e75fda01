import { WAIVER_EXPIRING_DAYS, waiverState } from './waiverListing';

describe('waiverState', () => {
  const today = '2025-06-01';

  it('is invalid whatever the day when the waiver has problems', () => {
    expect(
      waiverState(
        { expires: '2026-01-01', problems: ['it has no reason'] },
        today,
      ),
    ).toBe('invalid');
  });

  it('is expired once the expiry day has passed, and holds through the expiry day', () => {
    expect(waiverState({ expires: '2025-05-31' }, today)).toBe('expired');
    expect(waiverState({ expires: '2025-06-01' }, today)).toBe('expiring');
  });

  it(`is expiring within ${WAIVER_EXPIRING_DAYS} days, active after`, () => {
    expect(waiverState({ expires: '2025-06-15' }, today)).toBe('expiring');
    expect(waiverState({ expires: '2025-06-16' }, today)).toBe('active');
  });

  it('takes a time as its UTC date', () => {
    expect(
      waiverState({ expires: '2025-06-15' }, new Date('2025-06-01T23:30:00Z')),
    ).toBe('expiring');
  });

  it('is invalid for an expiry that is not a date', () => {
    expect(waiverState({ expires: 'soon' }, today)).toBe('invalid');
  });
});
