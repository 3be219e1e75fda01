import { MAX_RISK_SCORE, riskScore } from './riskScore';

describe('riskScore', () => {
  it('multiplies probability and impact, low = 1 … high = 3', () => {
    expect(riskScore('low', 'low')).toBe(1);
    expect(riskScore('medium', 'high')).toBe(6);
    expect(riskScore('high', 'medium')).toBe(6);
    expect(riskScore('high', 'high')).toBe(MAX_RISK_SCORE);
    expect(MAX_RISK_SCORE).toBe(9);
  });

  it('has no score unless both are known', () => {
    expect(riskScore(undefined, 'high')).toBeUndefined();
    expect(riskScore('high', undefined)).toBeUndefined();
  });
});
