import { objectFileStem } from '../layout';

/**
 * A Snowflake object name split into its parts (`DB.SCHEMA.NAME` or shorter), with unquoted
 * parts upper-cased as Snowflake compares them.
 *
 * @public
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

const MAX_PART = 255;

function isIdentifierStart(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) /* a-z */ || code === 0x5f /* _ */;
}

function isIdentifierPart(code: number): boolean {
  return (
    isIdentifierStart(code) ||
    (code >= 0x30 && code <= 0x39) /* 0-9 */ ||
    code === 0x24 /* $ */
  );
}

/**
 * How many dot-separated unquoted identifiers `text` is (1 to `maxParts`), 0 when it is
 * not that: `UNQUOTED_IDENTIFIER_PATTERN` per part, checked by one scan rather than a
 * regex, whose bounded repetition makes every test slow.
 */
function unquotedParts(text: string, maxParts: number): number {
  let parts = 1;
  let partStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2e /* . */) {
      if (i === partStart || parts === maxParts) return 0;
      parts++;
      partStart = i + 1;
    } else if (
      i - partStart >= MAX_PART ||
      !(i === partStart ? isIdentifierStart(code) : isIdentifierPart(code))
    ) {
      return 0;
    }
  }
  return partStart === text.length ? 0 : parts;
}

/**
 * Whether a name is one unquoted Snowflake identifier (`ORDERS_RAW`, not `RAW.ORDERS` or
 * `"Orders"`): what a database, schema, warehouse or object name is when a form asks for it.
 *
 * @public
 */
export function isUnquotedIdentifier(name: string): boolean {
  return unquotedParts(name, 1) === 1;
}

/**
 * The `key` and `depth` of {@link parseIdentifier}, without the parts it also slices: what
 * a dependency is resolved by, thousands of times in a large plan.
 */
export function identifierKey(
  name: string,
): Pick<ObjectIdentifier, 'key' | 'depth'> | undefined {
  const text = name.trim();
  const depth = text ? unquotedParts(text, 3) : 0;
  if (depth) return { key: text.toUpperCase(), depth };
  return parseIdentifier(text);
}

/** Parses `DB.SCHEMA.NAME`, `SCHEMA.NAME` or `NAME` (parts may be double-quoted); undefined when invalid. */
export function parseIdentifier(name: string): ObjectIdentifier | undefined {
  const text = name.trim();
  if (!text) return undefined;
  const depth = unquotedParts(text, 3);
  if (depth) {
    const key = text.toUpperCase();
    if (depth === 1) return { key, name: key, depth, suffix: key };
    const lastDot = key.lastIndexOf('.');
    return {
      key,
      name: key.slice(lastDot + 1),
      depth,
      suffix: depth === 2 ? key : key.slice(key.indexOf('.') + 1),
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
      if (!isUnquotedIdentifier(part)) return undefined;
      parts.push(part.toUpperCase());
      i = j;
    }
    if (i === text.length) break;
    if (text[i] !== '.') return undefined;
    i++;
    if (i === text.length) return undefined;
  }
  if (parts.length === 0 || parts.length > 3) return undefined;
  return identifierFromParts(parts);
}

/**
 * The identifier of 1 to 3 parts already compared as Snowflake compares them (unquoted
 * parts upper-cased, quoted ones as written, without their quotes).
 */
export function identifierFromParts(
  parts: readonly string[],
): ObjectIdentifier {
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
