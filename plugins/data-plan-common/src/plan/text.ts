/**
 * Removes wrapping emphasis (`**x**`, `__x__`) and then one wrapping code span
 * (`` `x` ``), whose content is literal.
 */
export function cleanText(raw: string): string {
  let text = raw.trim();
  for (;;) {
    const unwrapped = unwrap(text, '**') ?? unwrap(text, '__');
    if (unwrapped === undefined) break;
    text = unwrapped;
  }
  return unwrap(text, '`') ?? text;
}

function unwrap(text: string, mark: string): string | undefined {
  if (
    text.length > mark.length * 2 &&
    text.startsWith(mark) &&
    text.endsWith(mark) &&
    // `a` and `b` in "`a` and `b`" are two spans, not one wrapped text
    !text.slice(mark.length, -mark.length).includes(mark)
  ) {
    return text.slice(mark.length, -mark.length).trim();
  }
  return undefined;
}

/** Undoes renderPlan's escaping of table cells. */
export function unescapeCell(text: string): string {
  return text.indexOf('\\') === -1 ? text : text.replace(/\\([\\|])/g, '$1');
}

/** The content of the first code span, or the cleaned text when there is none. */
export function firstCodeSpan(raw: string): string {
  // As /`([^`]+)`/ would find it: the first pair of backticks with text between them.
  let open = raw.indexOf('`');
  while (open !== -1) {
    const close = raw.indexOf('`', open + 1);
    if (close === -1) break;
    if (close > open + 1) return raw.slice(open + 1, close).trim();
    open = close;
  }
  return cleanText(raw);
}

const MARKUP = /[*_`]/;
const MARKUP_MARKS = /[*_`]/g;

/**
 * A key or field name as it is compared: without emphasis or code marks, trimmed and
 * lower-cased (`**Project ID**` → `project id`).
 */
export function plainKey(raw: string): string {
  const text = MARKUP.test(raw)
    ? cleanText(raw).replace(MARKUP_MARKS, '')
    : raw;
  return text.trim().toLowerCase();
}

/**
 * Splits `Key: value` (the key as `plainKey` gives it); undefined when the text has no
 * colon.
 */
export function splitKeyValue(
  raw: string,
): { key: string; value: string } | undefined {
  const colon = raw.indexOf(':');
  if (colon < 0) return undefined;
  return {
    key: plainKey(trimmedSlice(raw, 0, colon)),
    value: trimmedSlice(raw, colon + 1, raw.length),
  };
}

/** Lower-cases and drops section numbering and a trailing colon: `7.1 Technical Validation:` → `technical validation`. */
export function normalizeHeading(raw: string): string {
  return cleanText(raw)
    .replace(/^\d+(?:\.\d+)*\.?\s+/, '')
    .replace(/:\s*$/, '')
    .trim()
    .toLowerCase();
}

// One cheap test first: most text holds none of these characters.
const MAY_HOLD_PLACEHOLDER = /[[{|]|YYYY|HH:MM/;

// A bracket or brace after a backslash is written as text (`\[NAME]`), not a placeholder.
const PLACEHOLDER_PATTERNS: RegExp[] = [
  /(?<!\\)\{[^{}\n]*\}/, // {object_name}
  /(?<!\\)\[(?!\s?\]|x\])[^[\]\n]*\](?!\()/i, // [NAME], not a task box or a link
  /\bYYYY(?:-MM(?:-DD)?)?\b/,
  /\bHH:MM\b/,
  /\b[A-Z_]+(?:\s*\|\s*[A-Z_]+){2,}\b/, // DRAFT | REVIEW | APPROVED …
];

/** The template placeholder left in the text, if any (`[NAME]`, `{object_name}`, `YYYY-MM-DD`, …). */
export function findPlaceholder(text: string): string | undefined {
  if (!MAY_HOLD_PLACEHOLDER.test(text)) return undefined;
  for (const pattern of PLACEHOLDER_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

/** Whether a character code is one that `\s` matches (and `trim` removes). */
export function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    (code > 0x7f &&
      (code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000 ||
        code === 0xfeff))
  );
}

/** The index of the first character at or after `from` that is not whitespace. */
export function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * `text.slice(start, end).trim()` with one string made rather than two: large plans take
 * most of their values this way.
 */
export function trimmedSlice(text: string, start: number, end: number): string {
  const from = skipWhitespace(text, start);
  let to = end;
  while (to > from && isWhitespace(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

const BACKSLASH = 0x5c;

function isBracket(code: number): boolean {
  return code === 0x5b /* [ */ || code === 0x7b /* { */;
}

/**
 * Rewrites each run of backslashes that ends at a `[` or `{`: `twice(k)` backslashes
 * instead of k, and one more to escape the bracket when `escape` is set.
 */
function rewriteBracketRuns(
  text: string,
  count: (run: number) => number,
): string {
  if (text.indexOf('[') === -1 && text.indexOf('{') === -1) return text;
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      run++;
      continue;
    }
    out += '\\'.repeat(isBracket(code) ? count(run) : run) + text[i];
    run = 0;
  }
  return out + '\\'.repeat(run);
}

/**
 * Escapes `[` and `{` (and the backslashes before them) so that text such as `[NAME]` or
 * `{object_name}` is read back as written rather than as a template placeholder.
 */
export function escapeBrackets(text: string): string {
  return rewriteBracketRuns(text, run => 2 * run + 1);
}

/** Undoes `escapeBrackets`: of k backslashes before a `[` or `{`, k / 2 are text. */
export function unescapeBrackets(text: string): string {
  if (text.indexOf('\\') === -1) return text;
  return rewriteBracketRuns(text, run => run >> 1);
}

// What Markdown reads as structure at the start of a line: list markers, block quotes,
// headings, tables, fences, rules, and a backslash (which escapes what follows it).
const STRUCTURE_START = /^[-+*>#|`~=_\\]/;
// `1.` or `1)`, with any backslashes already before the mark.
const NUMBER_START = /^(\d{1,9})(\\*)[.)]/;

/** Escapes what would make Markdown read a line of text as structure (`- x`, `1. x`, `> x`). */
export function escapeLineStart(text: string): string {
  if (STRUCTURE_START.test(text)) return `\\${text}`;
  const number = NUMBER_START.exec(text);
  if (!number) return text;
  return `${number[1]}\\${text.slice(number[1].length)}`;
}

/** Undoes `escapeLineStart`: a leading backslash before punctuation, or one in `1\.`. */
export function unescapeLineStart(text: string): string {
  if (text.charCodeAt(0) === BACKSLASH && /^\\[!-/:-@[-`{-~]/.test(text)) {
    return text.slice(1);
  }
  const number = NUMBER_START.exec(text);
  if (!number || !number[2]) return text;
  return number[1] + text.slice(number[1].length + 1);
}

/** Where the run of `#` that ends the text starts; the length when there is none. */
function trailingHashes(text: string): number {
  let start = text.length;
  while (start > 0 && text.charCodeAt(start - 1) === 0x23 /* # */) start--;
  return start;
}

/**
 * Escapes a run of `#` that ends a heading's text (`Phase 1: C #`), which Markdown would
 * otherwise drop as the heading's closing sequence.
 */
export function escapeHeadingEnd(text: string): string {
  const start = trailingHashes(text);
  if (start === text.length) return text;
  const before = text.charCodeAt(start - 1);
  if (start > 0 && !isWhitespace(before) && before !== BACKSLASH) return text;
  return `${text.slice(0, start)}\\${text.slice(start)}`;
}

/** Undoes `escapeHeadingEnd`. */
export function unescapeHeadingEnd(text: string): string {
  const start = trailingHashes(text);
  if (start === text.length || text.charCodeAt(start - 1) !== BACKSLASH) {
    return text;
  }
  const before = text.charCodeAt(start - 2);
  if (start > 1 && !isWhitespace(before) && before !== BACKSLASH) return text;
  return text.slice(0, start - 1) + text.slice(start);
}

/** Non-empty, trimmed; `undefined` for blank text. */
export function optional(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}
