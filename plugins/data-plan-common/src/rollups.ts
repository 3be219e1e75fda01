/**
 * What the governance page rolls matching projects up by: their direct owner, their
 * system, or every group above the owner in the org hierarchy (a group counts the
 * projects of all the groups under it).
 *
 * @public
 */
export const ROLLUP_DIMENSIONS = ['owner', 'system', 'group'] as const;

/**
 * A dimension of a roll-up: one of {@link ROLLUP_DIMENSIONS}.
 *
 * @public
 */
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

/**
 * The entity kind whose refs each filterable dimension takes as its filter (`system=…`,
 * `group=…`); the owner filter takes any owner.
 *
 * @public
 */
export const ROLLUP_FILTER_KINDS = {
  system: 'system',
  group: 'group',
} as const;

/**
 * Bounds of roll-ups and of the org hierarchy they walk, as the backend enforces them.
 *
 * @public
 */
export const ROLLUP_LIMITS = {
  /** Most rows one roll-up returns, worst first; `totalRows` says how many there are. */
  maxRows: 500,
  /** Longest entity ref a `system` or `group` filter takes. */
  maxRefLength: 255,
  /**
   * Most groups above an owner that are walked (`spec.parent`); a deeper hierarchy, or a
   * cycle, stops there.
   */
  maxGroupDepth: 20,
} as const;
