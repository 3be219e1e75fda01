import { Config } from '@backstage/config';
import { WorkerPlanParserOptions } from './WorkerPlanParser';

function positiveInteger(config: Config, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new Error(
      `Invalid config at dataPlan.${key}: expected a whole number of at least 1, got ${value}`,
    );
  }
  return value;
}

/** The pool's options from `dataPlan.parsing`; absent keys keep the defaults. */
export function readPlanParsingConfig(
  rootConfig: Config,
): WorkerPlanParserOptions {
  const config = rootConfig.getOptionalConfig('dataPlan');
  if (!config) return {};
  return {
    maxThreads: positiveInteger(config, 'parsing.maxThreads'),
    timeoutMs: positiveInteger(config, 'parsing.timeoutMs'),
  };
}
