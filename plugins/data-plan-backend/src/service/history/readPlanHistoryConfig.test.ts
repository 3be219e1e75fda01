import { ConfigReader } from '@backstage/config';
import { readPlanHistoryConfig } from './readPlanHistoryConfig';

describe('readPlanHistoryConfig', () => {
  it('gives the defaults without a history block', () => {
    expect(readPlanHistoryConfig(new ConfigReader({}))).toEqual({
      backfillCommits: 100,
      backfillConcurrency: 4,
      retentionDays: 730,
    });
  });

  it('reads every key', () => {
    expect(
      readPlanHistoryConfig(
        new ConfigReader({
          dataPlan: {
            history: {
              backfillCommits: 20,
              backfillConcurrency: 2,
              retentionDays: 90,
            },
          },
        }),
      ),
    ).toEqual({
      backfillCommits: 20,
      backfillConcurrency: 2,
      retentionDays: 90,
    });
  });

  it('refuses a value that is not a positive whole number, naming the key', () => {
    expect(() =>
      readPlanHistoryConfig(
        new ConfigReader({ dataPlan: { history: { retentionDays: 0 } } }),
      ),
    ).toThrow(
      'Invalid config at dataPlan.history.retentionDays: expected a whole number of at least 1, got 0',
    );
    expect(() =>
      readPlanHistoryConfig(
        new ConfigReader({ dataPlan: { history: { backfillCommits: 2.5 } } }),
      ),
    ).toThrow('dataPlan.history.backfillCommits');
  });
});
