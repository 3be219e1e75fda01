import { Config } from '@backstage/config';
import { readWholeNumber } from '../readWholeNumber';
import { DEFAULT_BACKFILL_COMMITS } from './PlanBackfiller';

/** Days history rows are kept, unless configured: two years. */
export const DEFAULT_RETENTION_DAYS = 730;

/** What `dataPlan.history` configures. */
export interface PlanHistoryConfig {
  /** Past versions of a plan a backfill reads at most. */
  backfillCommits: number;
  /** Projects backfilled at the same time. */
  backfillConcurrency: number;
  /** Days a history row is kept (each project's newest row is kept however old). */
  retentionDays: number;
}

/** `dataPlan.history`, with the defaults for absent keys. */
export function readPlanHistoryConfig(rootConfig: Config): PlanHistoryConfig {
  const read = (key: string, fallback: number) =>
    readWholeNumber(rootConfig, `dataPlan.history.${key}`, { fallback });
  return {
    backfillCommits: read('backfillCommits', DEFAULT_BACKFILL_COMMITS),
    backfillConcurrency: read('backfillConcurrency', 4),
    retentionDays: read('retentionDays', DEFAULT_RETENTION_DAYS),
  };
}
