import { Level, LEVELS } from './types';

const LEVEL_SCORE = Object.fromEntries(
  LEVELS.map((level, index) => [level, index + 1]),
) as Record<Level, number>;

/**
 * A risk's score: probability × impact, low = 1 … high = 3; undefined unless both are
 * known.
 *
 * @public
 */
export function riskScore(
  probability?: Level,
  impact?: Level,
): number | undefined {
  return probability && impact
    ? LEVEL_SCORE[probability] * LEVEL_SCORE[impact]
    : undefined;
}

/**
 * The highest score a risk can have (high × high).
 *
 * @public
 */
export const MAX_RISK_SCORE = LEVELS.length * LEVELS.length;
