import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readWholeNumber } from '../readWholeNumber';

/** What `dataPlan.repository` configures. */
export interface RepositoryConfig {
  /** Whether projects are checked against their repositories at all. */
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Files a project's listing holds at most: the rest are not looked at. */
  maxFiles: number;
  /** Bytes read at most over a project's files. */
  maxBytes: number;
  /** Projects checked at the same time. */
  concurrency: number;
}

/** `dataPlan.repository`, with the defaults for absent keys: hourly, 10,000 files, 32 MB. */
export function readRepositoryConfig(rootConfig: Config): RepositoryConfig {
  const config = rootConfig.getOptionalConfig('dataPlan.repository');
  const read = (key: string, fallback: number) =>
    readWholeNumber(rootConfig, `dataPlan.repository.${key}`, { fallback });
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : {
          frequency: { hours: 1 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
        },
    maxFiles: read('maxFiles', 10_000),
    maxBytes: read('maxBytes', 32 * 1024 * 1024),
    concurrency: read('concurrency', 4),
  };
}
