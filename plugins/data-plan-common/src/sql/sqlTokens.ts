/**
 * A token of Snowflake SQL as the lineage reader needs it. Comments are dropped and string
 * literals kept as one opaque token, so that neither is ever read as a reference.
 */
export type SqlToken = (
  | /** An unquoted word: `value` upper-cased, as Snowflake compares it. */
  { type: 'word'; value: string }
  /** A double-quoted identifier: `value` as written, without its quotes. */
  | { type: 'quoted'; value: string }
  /** A `$$`-quoted body (a procedure's or function's), not yet read. */
  | { type: 'body'; value: string }
  /** A string literal, a number, a stage (`@stage/path`) or a variable: never a name. */
  | { type: 'literal' }
  /** One character of punctuation: `.`, `,`, `(`, `)`, `;` and the rest. */
  | { type: 'punct'; value: string }
  /**
   * A client command of SnowSQL or the Snowflake CLI, a line that starts with `!`
   * (`!source deploy/tables.sql`): `value` is the rest of the line after the `!`, as written.
   */
  | { type: 'command'; value: string }
) & {
  /** The line it starts on. */
  line: number;
  /** The offset in the text where it starts. */
  start: number;
};

function isWordStart(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || code === 0x5f || code > 0x7f;
}

function isWordPart(code: number): boolean {
  return (
    isWordStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x24 /* $ */
  );
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * Whether position `i` is the first non-blank character of its line. Only spaces and tabs
 * are looked at, back to the first other character, so each character is looked at by at
 * most one later `!`: linear over the whole text.
 */
function startsLine(sql: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const code = sql.charCodeAt(j);
    if (code === 0x0a) return true;
    if (code !== 0x20 && code !== 0x09) return false;
  }
  return true;
}

/**
 * Splits SQL into tokens in one pass: every character is looked at once, whatever the
 * input (an unterminated comment, string or body runs to the end of the text).
 * `firstLine` is the line `sql` starts on in its file.
 */
export function tokenizeSql(sql: string, firstLine = 1): SqlToken[] {
  const tokens: SqlToken[] = [];
  let line = firstLine;
  let i = 0;
  const length = sql.length;
  // Advances to `end`, counting the line breaks passed.
  const skipTo = (end: number) => {
    for (; i < end; i++) if (sql.charCodeAt(i) === 0x0a) line++;
  };
  while (i < length) {
    const code = sql.charCodeAt(i);
    const next = sql.charCodeAt(i + 1);
    const start = line;
    const at = i;
    if (isSpace(code)) {
      skipTo(i + 1);
    } else if (
      (code === 0x2d && next === 0x2d) /* -- */ ||
      (code === 0x2f && next === 0x2f) /* // */
    ) {
      const end = sql.indexOf('\n', i);
      skipTo(end < 0 ? length : end);
    } else if (code === 0x2f && next === 0x2a /* slash-star */) {
      const end = sql.indexOf('*/', i + 2);
      skipTo(end < 0 ? length : end + 2);
    } else if (code === 0x24 && next === 0x24 /* $$ */) {
      const end = sql.indexOf('$$', i + 2);
      const close = end < 0 ? length : end;
      const value = sql.slice(i + 2, close);
      skipTo(close);
      i = Math.min(length, close + 2);
      tokens.push({ type: 'body', value, line: start, start: at });
    } else if (
      code === 0x21 /* ! */ &&
      isWordStart(next) &&
      startsLine(sql, i)
    ) {
      // `!source file.sql`: a command of the client, up to the end of its line.
      let end = sql.indexOf('\n', i);
      if (end < 0) end = length;
      const value = sql.slice(
        i + 1,
        sql.charCodeAt(end - 1) === 0x0d ? end - 1 : end,
      );
      i = end;
      tokens.push({ type: 'command', value, line: start, start: at });
    } else if (code === 0x27 /* ' */) {
      // '' and \' stay inside the literal.
      let j = i + 1;
      while (j < length) {
        const c = sql.charCodeAt(j);
        if (c === 0x5c /* \ */) j += 2;
        else if (c === 0x27) {
          if (sql.charCodeAt(j + 1) === 0x27) j += 2;
          else break;
        } else j++;
      }
      skipTo(Math.min(length, j + 1));
      tokens.push({ type: 'literal', line: start, start: at });
    } else if (code === 0x22 /* " */) {
      let value = '';
      let j = i + 1;
      let from = j;
      while (j < length) {
        if (sql.charCodeAt(j) === 0x22) {
          if (sql.charCodeAt(j + 1) !== 0x22) break;
          value += `${sql.slice(from, j)}"`;
          j += 2;
          from = j;
        } else j++;
      }
      value += sql.slice(from, Math.min(j, length));
      skipTo(Math.min(length, j + 1));
      tokens.push({ type: 'quoted', value, line: start, start: at });
    } else if (isWordStart(code)) {
      let j = i + 1;
      while (j < length && isWordPart(sql.charCodeAt(j))) j++;
      tokens.push({
        type: 'word',
        value: sql.slice(i, j).toUpperCase(),
        line: start,
        start: at,
      });
      i = j;
    } else if (isDigit(code)) {
      let j = i + 1;
      while (j < length && (isWordPart(sql.charCodeAt(j)) || sql[j] === '.'))
        j++;
      i = j;
      tokens.push({ type: 'literal', line: start, start: at });
    } else if (
      code === 0x40 /* @ */ ||
      code === 0x3a /* : */ ||
      code === 0x24 /* $ */
    ) {
      // A stage with its path, a bind variable or a positional column: up to a space,
      // a comma, a parenthesis or a semicolon.
      if (code === 0x3a && next === 0x3a) {
        tokens.push({ type: 'punct', value: '::', line: start, start: at });
        i += 2;
        continue;
      }
      let j = i + 1;
      while (j < length) {
        const c = sql.charCodeAt(j);
        if (
          isSpace(c) ||
          c === 0x2c ||
          c === 0x28 ||
          c === 0x29 ||
          c === 0x3b ||
          c === 0x27
        )
          break;
        j++;
      }
      i = j;
      tokens.push({ type: 'literal', line: start, start: at });
    } else {
      tokens.push({ type: 'punct', value: sql[i], line: start, start: at });
      i++;
    }
  }
  return tokens;
}
