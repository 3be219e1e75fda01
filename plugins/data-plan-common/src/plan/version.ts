/**
 * Version of what `parsePlan` and `evaluatePlan` produce. Bumped whenever their output for
 * the same input can change, so that stored results are recomputed once.
 *
 * @public
 */
export const PARSER_VERSION = 5;
