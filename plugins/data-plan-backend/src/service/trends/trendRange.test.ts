import { InputError } from '@backstage/errors';
import { PLAN_TREND_LIMITS } from '@dataplan/plugin-data-plan-common';
import { trendRange } from './trendRange';

const today = new Date(Date.UTC(2026, 11, 1, 15, 30)); // a Tuesday

describe('trendRange', () => {
  it('ends today and covers the default days, one point a day', () => {
    const range = trendRange({}, today);
    expect(range.to).toBe('2026-12-01');
    expect(range.periods).toHaveLength(PLAN_TREND_LIMITS.defaultDays);
    expect(range.periods[range.periods.length - 1]).toEqual({
      date: '2026-12-01',
      end: Date.UTC(2026, 11, 2),
    });
    expect(range.until).toEqual(new Date(Date.UTC(2026, 11, 2)));
    expect(range.start.toISOString().slice(0, 10)).toBe(range.from);
  });

  it('starts weeks on Monday, the last one ending after `to`', () => {
    const range = trendRange(
      { from: '2026-11-12', to: '2026-12-01', interval: 'week' },
      today,
    );
    expect(range.from).toBe('2026-11-09');
    expect(range.periods.map(p => p.date)).toEqual([
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
    expect(range.periods[3].end).toBe(Date.UTC(2026, 11, 2));
    // Before 1970 too: a Sunday's week starts on the Monday before it.
    expect(
      trendRange(
        { from: '1969-12-28', to: '1969-12-28', interval: 'week' },
        today,
      ).periods.map(p => p.date),
    ).toEqual(['1969-12-22']);
  });

  it('refuses what is not a day, from after to, and too many points, naming the field', () => {
    const refusal = (request: object) => {
      let thrown: unknown;
      try {
        trendRange(request, today);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InputError);
      return (thrown as Error).message;
    };
    expect(refusal({ from: '2026-02-31' })).toMatch(
      /^from: '2026-02-31' is not a date/,
    );
    expect(refusal({ to: '26-1-1' })).toMatch(/^to: /);
    expect(refusal({ from: '2026-12-02', to: '2026-12-01' })).toMatch(
      /^from: 2026-12-02 is after to/,
    );
    expect(refusal({ from: '2020-01-01' })).toMatch(
      /^from: the trend would have \d+ points, more than 400/,
    );
    // The same years fit as weeks.
    expect(
      trendRange({ from: '2020-01-01', interval: 'week' }, today).periods
        .length,
    ).toBeLessThanOrEqual(PLAN_TREND_LIMITS.maxPoints);
  });
});
