import { Config } from '@backstage/config';
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

function positiveInteger(
  config: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Invalid config at dataPlan.history.${key}: expected a whole number of at least 1, got ${value}`,
    );
  }
  return value;
}

/** `dataPlan.history`, with the defaults for absent keys. */
export function readPlanHistoryConfig(rootConfig: Config): PlanHistoryConfig {
  const config = rootConfig.getOptionalConfig('dataPlan.history');
  return {
    backfillCommits: positiveInteger(
      config,
      'backfillCommits',
      DEFAULT_BACKFILL_COMMITS,
    ),
    backfillConcurrency: positiveInteger(config, 'backfillConcurrency', 4),
    retentionDays: positiveInteger(
      config,
      'retentionDays',
      DEFAULT_RETENTION_DAYS,
    ),
  };
}
