import { HOSTILE_CASES, normalPlan } from './hostilePlans';

describe('hostile plans', () => {
  const size = 20_000;

  it.each(HOSTILE_CASES.map(c => [c.name, c] as const))(
    '%s is about the size asked for, in each variant',
    (_, hostile) => {
      for (const text of [
        hostile.build(size),
        ...(hostile.variants?.(size) ?? []),
      ]) {
        expect(text.length).toBeGreaterThanOrEqual(size * 0.9);
        expect(text.length).toBeLessThanOrEqual(size * 1.5);
      }
    },
  );

  it('names each case once', () => {
    const names = HOSTILE_CASES.map(c => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('writes a normal plan of the size asked for, with its objects repeated', () => {
    const text = normalPlan(size);
    expect(text.length).toBeGreaterThanOrEqual(size * 0.9);
    expect(text.length).toBeLessThanOrEqual(size * 1.5);
    expect(text).toContain('## 3. IMPLEMENTATION STEPS');
  });
});
