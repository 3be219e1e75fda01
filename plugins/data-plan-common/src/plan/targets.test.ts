import cases from './__testUtils__/targets.json';
import { compareTarget, parseQuantity, parseTarget } from './targets';

describe('compareTarget', () => {
  it('has at least 30 committed target/actual fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map(c => [c.target, c.actual, c.result, c.why]))(
    'target %j, actual %j → %s (%s)',
    (target, actual, result) => {
      expect(compareTarget(target || undefined, actual || undefined)).toBe(
        result,
      );
    },
  );
});

describe('parseTarget', () => {
  it('reads bare values as people mean them', () => {
    expect(parseTarget('100%')?.operator).toBe('>=');
    expect(parseTarget('0')?.operator).toBe('<=');
    expect(parseTarget('5s')?.operator).toBe('<=');
    expect(parseTarget('250')?.operator).toBe('>=');
  });

  it('normalises durations to seconds', () => {
    expect(parseQuantity('1 hour')).toEqual({
      value: 3600,
      dimension: 'duration',
    });
    expect(parseQuantity('250 ms')).toEqual({
      value: 0.25,
      dimension: 'duration',
    });
  });

  it('has no quantity in text without a number', () => {
    expect(parseTarget('as fast as possible')).toBeUndefined();
  });
});
