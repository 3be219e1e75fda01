import { emptyRiskMatrix } from './riskMatrix';

describe('emptyRiskMatrix', () => {
  it('has every probability × impact cell at 0, in level order', () => {
    const matrix = emptyRiskMatrix();
    expect(matrix).toEqual({
      low: { low: 0, medium: 0, high: 0 },
      medium: { low: 0, medium: 0, high: 0 },
      high: { low: 0, medium: 0, high: 0 },
    });
    expect(Object.keys(matrix)).toEqual(['low', 'medium', 'high']);
  });

  it('gives a new matrix each time', () => {
    const matrix = emptyRiskMatrix();
    matrix.high.high = 1;
    expect(emptyRiskMatrix().high.high).toBe(0);
  });
});
