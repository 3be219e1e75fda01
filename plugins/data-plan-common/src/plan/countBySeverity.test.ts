import { countBySeverity } from './countBySeverity';

describe('countBySeverity', () => {
  it('counts every severity over all lists, most severe first', () => {
    const counts = countBySeverity(
      [
        { key: 'a', severity: 'warning', rule: 'a', message: 'a' },
        { key: 'b', severity: 'error', rule: 'b', message: 'b' },
      ],
      [{ key: 'c', severity: 'warning', rule: 'c', message: 'c' }],
    );
    expect(counts).toEqual({ error: 1, warning: 2, info: 0 });
    expect(Object.keys(counts)).toEqual(['error', 'warning', 'info']);
  });

  it('leaves waived diagnostics out of every count', () => {
    const waiver = {
      reason: 'accepted',
      approvedBy: 'user:default/jane',
      expires: '2030-01-01',
    };
    expect(
      countBySeverity([
        { key: 'a', severity: 'error', rule: 'a', message: 'a', waiver },
        { key: 'b', severity: 'error', rule: 'b', message: 'b' },
        { key: 'c', severity: 'info', rule: 'c', message: 'c', waiver },
      ]),
    ).toEqual({ error: 1, warning: 0, info: 0 });
  });

  it('gives zeros for no diagnostics', () => {
    expect(countBySeverity()).toEqual({ error: 0, warning: 0, info: 0 });
  });
});
