import { Level, LEVELS } from './types';

/**
 * Risk counts per cell: `matrix[probability][impact]`. The one shape of a risk matrix,
 * in an evaluation and in the plan list's facets alike.
 *
 * @public
 */
export type RiskMatrix = Record<Level, Record<Level, number>>;

/**
 * A risk matrix with every cell 0, keys in level order.
 *
 * @public
 */
export function emptyRiskMatrix(): RiskMatrix {
  return Object.fromEntries(
    LEVELS.map(probability => [
      probability,
      Object.fromEntries(LEVELS.map(impact => [impact, 0])),
    ]),
  ) as RiskMatrix;
}
