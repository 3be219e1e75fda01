import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readPlanParsingConfig } from './readPlanParsingConfig';

describe('readPlanParsingConfig', () => {
  const read = (parsing: JsonObject) =>
    readPlanParsingConfig(new ConfigReader({ dataPlan: { parsing } }));

  it('reads maxThreads and timeoutMs, and leaves absent keys to the defaults', () => {
    expect(read({ maxThreads: 3, timeoutMs: 2500 })).toEqual({
      maxThreads: 3,
      timeoutMs: 2500,
    });
    expect(readPlanParsingConfig(new ConfigReader({}))).toEqual({});
    expect(read({})).toEqual({ maxThreads: undefined, timeoutMs: undefined });
  });

  it('refuses a value that is not a whole number of at least 1, naming the key', () => {
    expect(() => read({ maxThreads: 0 })).toThrow(
      'Invalid config at dataPlan.parsing.maxThreads: expected a whole number of at least 1, got 0',
    );
    expect(() => read({ timeoutMs: 1.5 })).toThrow(
      'Invalid config at dataPlan.parsing.timeoutMs: expected a whole number of at least 1, got 1.5',
    );
  });
});
