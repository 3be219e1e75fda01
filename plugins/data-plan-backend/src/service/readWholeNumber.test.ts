import { ConfigReader } from '@backstage/config';
import { readWholeNumber } from './readWholeNumber';

describe('readWholeNumber', () => {
  const config = (value: number) =>
    new ConfigReader({ dataPlan: { x: { n: value } } });

  it('reads a whole number and falls back when the key is absent', () => {
    expect(readWholeNumber(config(7), 'dataPlan.x.n', { fallback: 3 })).toBe(7);
    expect(
      readWholeNumber(new ConfigReader({}), 'dataPlan.x.n', { fallback: 3 }),
    ).toBe(3);
  });

  it('rejects a fraction, a value below the minimum and one above the maximum, naming the key', () => {
    expect(() =>
      readWholeNumber(config(1.5), 'dataPlan.x.n', { fallback: 3 }),
    ).toThrow(
      'Invalid config at dataPlan.x.n: expected a whole number of at least 1, got 1.5',
    );
    expect(() =>
      readWholeNumber(config(0), 'dataPlan.x.n', { fallback: 3 }),
    ).toThrow('of at least 1, got 0');
    expect(() =>
      readWholeNumber(config(400), 'dataPlan.x.n', {
        fallback: 3,
        min: 0,
        max: 365,
      }),
    ).toThrow(
      'Invalid config at dataPlan.x.n: expected a whole number from 0 to 365, got 400',
    );
    expect(
      readWholeNumber(config(0), 'dataPlan.x.n', { fallback: 3, min: 0 }),
    ).toBe(0);
  });
});
