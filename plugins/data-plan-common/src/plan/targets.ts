import { CriterionResult } from './types';

type Dimension = 'percent' | 'duration' | 'size' | 'count';
type Operator = '<' | '<=' | '>' | '>=' | '=';

interface Quantity {
  value: number;
  dimension: Dimension;
}

const UNITS: Array<[RegExp, Dimension, number]> = [
  [/^(%|percent|pct)$/, 'percent', 1],
  [/^(ms|msecs?|milliseconds?)$/, 'duration', 0.001],
  [/^(s|secs?|seconds?)$/, 'duration', 1],
  [/^(m|mins?|minutes?)$/, 'duration', 60],
  [/^(h|hrs?|hours?)$/, 'duration', 3600],
  [/^(d|days?)$/, 'duration', 86400],
  [/^(b|bytes?)$/, 'size', 1],
  [/^kb$/, 'size', 1e3],
  [/^mb$/, 'size', 1e6],
  [/^gb$/, 'size', 1e9],
  [/^tb$/, 'size', 1e12],
];

const QUANTITY =
  /(-?\d+(?:[.,]\d+)?)\s*(?:\/\s*(\d+(?:[.,]\d+)?))?\s*(%|[a-z]+)?/i;

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/** The first quantity in the text: `92%`, `3.4s`, `20 minutes`, `48/50` (a percentage), `2`. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const value = toNumber(match[1]);
  if (!Number.isFinite(value)) return undefined;
  if (match[2] !== undefined) {
    const whole = toNumber(match[2]);
    if (!whole) return undefined;
    return { value: (value / whole) * 100, dimension: 'percent' };
  }
  const unit = match[3]?.toLocaleLowerCase('en-US');
  if (!unit) return { value, dimension: 'count' };
  for (const [pattern, dimension, factor] of UNITS) {
    if (pattern.test(unit)) return { value: value * factor, dimension };
  }
  // Any other word after a number (`2 errors`, `1000 rows`) counts things.
  return { value, dimension: 'count' };
}

const OPERATOR_WORDS: Array<[RegExp, Operator]> = [
  [/^(<=|≤|=<)/, '<='],
  [/^(>=|≥|=>)/, '>='],
  [/^</, '<'],
  [/^>/, '>'],
  [/^={1,2}/, '='],
  [/^(at\s+least|min(imum)?\b|no\s+less\s+than)/i, '>='],
  [/^(at\s+most|max(imum)?\b|within|up\s+to|no\s+more\s+than)/i, '<='],
  [/^(under|below|less\s+than|fewer\s+than)/i, '<'],
  [/^(over|above|more\s+than|greater\s+than)/i, '>'],
  [/^exactly/i, '='],
];

/**
 * A target as people mean it: an explicit comparison (`< 5s`, `>= 95%`, `at most 2`), or a
 * bare value — a percentage is a minimum, a duration or size a maximum, a count of 0 a
 * maximum and any other count a minimum.
 */
export function parseTarget(
  text: string,
): { operator: Operator; quantity: Quantity } | undefined {
  const trimmed = text.trim();
  let operator: Operator | undefined;
  let rest = trimmed;
  for (const [pattern, op] of OPERATOR_WORDS) {
    const match = pattern.exec(trimmed);
    if (match) {
      operator = op;
      rest = trimmed.slice(match[0].length);
      break;
    }
  }
  const quantity = parseQuantity(rest);
  if (!quantity) return undefined;
  if (!operator) {
    if (quantity.dimension === 'percent') operator = '>=';
    else if (quantity.dimension === 'count') {
      operator = quantity.value === 0 ? '<=' : '>=';
    } else operator = '<=';
  }
  return { operator, quantity };
}

const PENDING = /^(|-+|—|–|tbd|tbc|todo|pending|not\s+yet|\?+)$/i;
const PASS = /^(pass(ed)?|met|ok|yes|done|achieved|✓|✔|✅)$/i;
const FAIL = /^(fail(ed)?|not\s+met|no|missed|✗|✘|❌)$/i;

/**
 * Compares an actual with its target: `pending` when there is no actual yet, `unknown`
 * when the two cannot be compared (no target, or different dimensions).
 *
 * @public
 */
export function compareTarget(
  target: string | undefined,
  actual: string | undefined,
): CriterionResult {
  const actualText = (actual ?? '').trim();
  if (PENDING.test(actualText)) return 'pending';
  if (PASS.test(actualText)) return 'pass';
  if (FAIL.test(actualText)) return 'fail';
  if (!target?.trim()) return 'unknown';
  const goal = parseTarget(target);
  const measured = parseQuantity(actualText);
  if (!goal || !measured) return 'unknown';
  if (goal.quantity.dimension !== measured.dimension) return 'unknown';
  return satisfies(measured.value, goal.operator, goal.quantity.value)
    ? 'pass'
    : 'fail';
}

function satisfies(actual: number, operator: Operator, target: number) {
  const epsilon = 1e-9 * Math.max(1, Math.abs(target));
  switch (operator) {
    case '<':
      return actual < target - epsilon;
    case '<=':
      return actual <= target + epsilon;
    case '>':
      return actual > target + epsilon;
    case '>=':
      return actual >= target - epsilon;
    default:
      return Math.abs(actual - target) <= epsilon;
  }
}
