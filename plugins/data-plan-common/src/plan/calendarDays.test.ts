import { dayNumber, daysBetween, isoDate } from './calendarDays';

describe('dayNumber', () => {
  it('counts days since 1970-01-01, so that dates subtract to the days between them', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-03-01')! - dayNumber('2024-02-28')!).toBe(2);
    expect(dayNumber('2025-03-01')! - dayNumber('2025-02-28')!).toBe(1);
  });

  it('refuses what is not a date of the calendar', () => {
    for (const text of [
      '2025-02-30',
      '2025-13-01',
      '2025-1-01',
      '2025-01-01T00:00',
      '20250101',
      'yyyy-mm-dd',
      '',
      '2025-00-10',
    ]) {
      expect(dayNumber(text)).toBeUndefined();
    }
  });
});

describe('isoDate', () => {
  it('gives the UTC date of a time, and nothing for an invalid one', () => {
    expect(isoDate(new Date(Date.UTC(2025, 5, 30, 23, 59)))).toBe('2025-06-30');
    expect(isoDate(new Date(Number.NaN))).toBeUndefined();
  });
});

describe('daysBetween', () => {
  it('counts UTC calendar days: 0 the same day, 1 just past midnight', () => {
    const from = new Date('2026-03-01T23:59:00Z');
    expect(daysBetween(from, new Date('2026-03-01T00:00:00Z'))).toBe(0);
    expect(daysBetween(from, new Date('2026-03-02T00:00:01Z'))).toBe(1);
    expect(daysBetween(from, new Date('2026-03-31T12:00:00Z'))).toBe(30);
  });
});
