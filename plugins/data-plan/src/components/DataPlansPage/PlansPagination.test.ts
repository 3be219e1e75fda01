import { formatRange } from './PlansPagination';

describe('formatRange', () => {
  it('writes the rows on screen and the total with thousands separators', () => {
    expect(formatRange(0, 25, 25, 4321)).toBe('1–25 of 4,321');
    expect(formatRange(40, 100, 100, 4321)).toBe('4,001–4,100 of 4,321');
    expect(formatRange(2, 25, 3, 53)).toBe('51–53 of 53');
  });

  it('says 0 when there are no rows', () => {
    expect(formatRange(0, 25, 0, 0)).toBe('0 of 0');
  });
});
