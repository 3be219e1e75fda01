import { formatPassRate } from './formatPassRate';

describe('formatPassRate', () => {
  it('rounds to a whole percent', () => {
    expect(formatPassRate(0.6)).toBe('60%');
    expect(formatPassRate(2 / 3)).toBe('67%');
    expect(formatPassRate(0)).toBe('0%');
    expect(formatPassRate(1)).toBe('100%');
  });

  it('has no text when nothing was decided', () => {
    expect(formatPassRate(undefined)).toBeUndefined();
    expect(formatPassRate(NaN)).toBeUndefined();
  });
});
