import {
  calendarDaysBetween,
  describeChange,
  formatDay,
  formatTick,
} from './chartSummary';
import { formatPassRate } from './formatPassRate';

describe('calendarDaysBetween', () => {
  it('counts UTC calendar days between dates and date-times', () => {
    expect(calendarDaysBetween('2026-01-01', '2026-03-31')).toBe(89);
    expect(
      calendarDaysBetween('2026-01-01T23:59:00Z', '2026-01-02T00:01:00Z'),
    ).toBe(1);
    expect(
      calendarDaysBetween('2026-01-01T01:00:00Z', '2026-01-01T22:00:00Z'),
    ).toBe(0);
  });

  it('is 0 for unreadable or reversed dates', () => {
    expect(calendarDaysBetween('not a date', '2026-01-01')).toBe(0);
    expect(calendarDaysBetween('2026-02-01', '2026-01-01')).toBe(0);
  });
});

describe('describeChange', () => {
  it('says where a series went from and to, and over how long', () => {
    expect(describeChange('Errors', [4, 6, 1], 90)).toBe(
      'Errors went from 4 to 1 over 90 days.',
    );
    expect(describeChange('Warnings', [2, 2], 1)).toBe(
      'Warnings stayed at 2 over 1 day.',
    );
    expect(describeChange('Errors', [0, 3], 0)).toBe(
      'Errors went from 0 to 3 within a day.',
    );
  });

  it('skips missing values and formats with the given function', () => {
    expect(
      describeChange(
        'Pass rate',
        [undefined, 0.5, undefined, 0.8],
        30,
        rate => formatPassRate(rate)!,
      ),
    ).toBe('Pass rate went from 50% to 80% over 30 days.');
  });

  it('gives a single value, or says there is none', () => {
    expect(describeChange('Errors', [1234], 0)).toBe('Errors: 1,234.');
    expect(describeChange('Pass rate', [undefined], 5)).toBe(
      'Pass rate: none yet.',
    );
  });
});

describe('formatDay and formatTick', () => {
  it('write the UTC day, whatever the time zone', () => {
    expect(formatDay('2026-03-31T23:30:00Z')).toBe('Mar 31, 2026');
    expect(formatTick('2026-03-01')).toBe('Mar 1');
  });

  it('give back text that is not a date as it is', () => {
    expect(formatDay('soon')).toBe('soon');
  });
});
