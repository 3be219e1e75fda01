/**
 * What a rule id looks like: lower-case words of letters and digits joined by `-`. The
 * words are separated by the `-`, so the pattern is matched in linear time.
 *
 * @public
 */
export const RULE_ID_PATTERN = '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$';

/**
 * The longest rule id.
 *
 * @public
 */
export const MAX_RULE_ID_LENGTH = 100;

const RULE_ID = new RegExp(RULE_ID_PATTERN);

/**
 * Whether a text is a well-formed rule id (whether or not a rule has it).
 *
 * @public
 */
export function isRuleId(id: string): boolean {
  return id.length <= MAX_RULE_ID_LENGTH && RULE_ID.test(id);
}
