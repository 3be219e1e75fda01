import { objectFileStem } from '../layout';

/**
 * A Snowflake object name split into its parts (`DB.SCHEMA.NAME` or shorter), with unquoted
 * parts upper-cased as Snowflake compares them.
 */
export interface ObjectIdentifier {
  /** Comparable parts joined with dots: unquoted parts upper-cased, quoted ones as written. */
  key: string;
  /** The last part: the object's own name. */
  name: string;
  /** How many parts: 1 (`NAME`) to 3 (`DB.SCHEMA.NAME`). */
  depth: number;
  /** The last two parts joined with a dot (`SCHEMA.NAME`); the name alone for depth 1. */
  suffix: string;
}

/**
 * An unquoted Snowflake identifier, as a JSON Schema or `RegExp` pattern: a letter or `_`,
 * then letters, digits, `_` or `$`, 255 characters at most.
 *
 * @public
 */
export const UNQUOTED_IDENTIFIER_PATTERN = '^[A-Za-z_][A-Za-z0-9_$]{0,254}$';

const UNQUOTED = new RegExp(UNQUOTED_IDENTIFIER_PATTERN);
const PLAIN =
  /^[A-Za-z_][A-Za-z0-9_$]{0,254}(?:\.[A-Za-z_][A-Za-z0-9_$]{0,254}){0,2}$/;

/**
 * Whether a name is one unquoted Snowflake identifier (`ORDERS_RAW`, not `RAW.ORDERS` or
 * `"Orders"`): what a database, schema, warehouse or object name is when a form asks for it.
 *
 * @public
 */
export function isUnquotedIdentifier(name: string): boolean {
  return UNQUOTED.test(name);
}

/** Parses `DB.SCHEMA.NAME`, `SCHEMA.NAME` or `NAME` (parts may be double-quoted); undefined when invalid. */
export function parseIdentifier(name: string): ObjectIdentifier | undefined {
  const text = name.trim();
  if (!text) return undefined;
  if (PLAIN.test(text)) {
    const key = text.toUpperCase();
    const lastDot = key.lastIndexOf('.');
    if (lastDot < 0) return { key, name: key, depth: 1, suffix: key };
    const firstDot = key.indexOf('.');
    const depth = firstDot === lastDot ? 2 : 3;
    return {
      key,
      name: key.slice(lastDot + 1),
      depth,
      suffix: depth === 2 ? key : key.slice(firstDot + 1),
    };
  }
  const parts: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let j = i + 1;
      let part = '';
      for (;;) {
        if (j >= text.length) return undefined;
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            part += '"';
            j += 2;
            continue;
          }
          break;
        }
        part += text[j++];
      }
      if (!part) return undefined;
      parts.push(part);
      i = j + 1;
    } else {
      let j = text.indexOf('.', i);
      if (j < 0) j = text.length;
      const part = text.slice(i, j);
      if (!UNQUOTED.test(part)) return undefined;
      parts.push(part.toUpperCase());
      i = j;
    }
    if (i === text.length) break;
    if (text[i] !== '.') return undefined;
    i++;
    if (i === text.length) return undefined;
  }
  if (parts.length === 0 || parts.length > 3) return undefined;
  return {
    key: parts.join('.'),
    name: parts[parts.length - 1],
    depth: parts.length,
    suffix: parts.slice(-2).join('.'),
  };
}

/** The file name (without `.sql`) an object's SQL is expected in, from its last part. */
export function expectedFileStem(identifier: ObjectIdentifier): string {
  return objectFileStem(identifier.name);
}
