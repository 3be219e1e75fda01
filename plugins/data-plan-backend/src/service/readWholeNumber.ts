import { Config } from '@backstage/config';

/** Bounds and default of {@link readWholeNumber}. */
export interface WholeNumberBounds {
  /** What an absent key reads as. */
  fallback: number;
  /** Smallest allowed value; 1 unless given. */
  min?: number;
  /** Largest allowed value; none unless given. */
  max?: number;
}

/**
 * A whole number at `key` (a full path such as `dataPlan.history.retentionDays`), or the
 * fallback when absent. A fraction or a value out of bounds stops the backend at startup
 * with the key named, rather than running with a value nobody meant.
 */
export function readWholeNumber(
  config: Config,
  key: string,
  { fallback, min = 1, max }: WholeNumberBounds,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (
    !Number.isInteger(value) ||
    value < min ||
    (max !== undefined && value > max)
  ) {
    const range =
      max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new Error(
      `Invalid config at ${key}: expected a whole number ${range}, got ${value}`,
    );
  }
  return value;
}
