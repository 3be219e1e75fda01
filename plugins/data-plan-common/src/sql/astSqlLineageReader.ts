import { Parser } from 'node-sql-parser/build/snowflake';
import { identifierFromParts } from '../plan/identifiers';
import {
  readTokenLineage,
  SqlClone,
  SqlCreatedObject,
  SqlDroppedObject,
  SqlInclude,
  SqlLineage,
  SqlReference,
  SqlReferenceClause,
} from './readSqlLineage';
import { SqlLineageReader } from './sqlLineageReader';
import { SqlToken, tokenizeSql } from './sqlTokens';

/**
 * Limits of {@link AstSqlLineageReader}: past any of them a statement goes to the tolerant
 * reader, whose time is linear in any input.
 *
 * @public
 */
export interface AstSqlLineageReaderOptions {
  /** The longest statement the parser is given, in characters (16 KiB by default). */
  maxStatementLength?: number;
  /**
   * How many times the parser may read a character of a statement, per character: it reads
   * each about 10 to 200 times on real SQL, and exponentially often on some unterminated
   * nestings, where it is stopped (400 by default).
   */
  maxReadsPerCharacter?: number;
  /**
   * How many reads the parser may make over one file, all statements together: a third to
   * a half of a microsecond each, so the default (1,000,000) bounds a file's parsing near
   * half a second however many statements it has; the rest are read tolerantly.
   */
  maxReadsPerFile?: number;
  /** The most joins in a statement the parser is given: its time grows with their square (64 by default). */
  maxJoins?: number;
}

const DEFAULTS: Required<AstSqlLineageReaderOptions> = {
  maxStatementLength: 16 * 1024,
  maxReadsPerCharacter: 400,
  maxReadsPerFile: 1_000_000,
  maxJoins: 64,
};

// Reads the parser may make of any statement, however short: a few thousand on `SELECT 1`.
const BASE_READS = 20_000;

// Statements the parser reads and the walk below understands whole; any other goes to
// the tolerant reader, and so does one with a word whose clause the walk does not model.
const PARSED_FIRST_WORDS = new Set([
  'SELECT',
  'WITH',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
]);
const CREATE_MODIFIERS = new Set([
  'OR',
  'REPLACE',
  'TEMPORARY',
  'TEMP',
  'LOCAL',
  'GLOBAL',
  'VOLATILE',
  'TRANSIENT',
]);
const UNMODELLED_WORDS = new Set(['CLONE', 'CALL', 'COPY', 'MERGE', 'AFTER']);

class ReadBudgetExceeded extends Error {}

/**
 * A statement's text that counts the parser's reads of it and stops the parse past a
 * budget: the parser reads its input only through these methods, so that the count bounds
 * its work, deterministically, where a clock could not interrupt it.
 */
class BudgetedText extends String {
  /** How many reads the parser has made. */
  reads = 0;
  readonly #budget: number;

  constructor(text: string, budget: number) {
    super(text);
    this.#budget = budget;
  }

  #spend() {
    if (++this.reads > this.#budget) throw new ReadBudgetExceeded();
  }

  charCodeAt(index: number): number {
    this.#spend();
    return super.charCodeAt(index);
  }

  charAt(index: number): string {
    this.#spend();
    return super.charAt(index);
  }

  substr(from: number, length?: number): string {
    this.#spend();
    return super.substr(from, length);
  }
}

/** A table or view as node-sql-parser names it. */
interface AstName {
  db?: string | null;
  catalog?: string | null;
  schema?: string | null;
  table?: unknown;
  view?: unknown;
  surround?: Record<string, string | undefined>;
  type?: unknown;
  expr?: unknown;
  join?: unknown;
}

type AstNode = Record<string, unknown>;

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null;
}

/** The name's parts as Snowflake compares them: quoted ones as written, others upper-cased. */
function nameParts(node: AstName): string[] | undefined {
  const own = typeof node.table === 'string' ? node.table : node.view;
  if (typeof own !== 'string' || !own) return undefined;
  const quotes = node.surround ?? {};
  const part = (text: string, quote: string | undefined) =>
    quote === '"' ? text : text.toUpperCase();
  const parts: string[] = [];
  const first = node.catalog ?? node.db;
  if (node.schema && first) {
    parts.push(part(first, quotes.db), part(node.schema, quotes.schema));
  } else if (node.db) {
    parts.push(part(node.db, quotes.db));
  }
  parts.push(part(own, quotes.table));
  return parts;
}

interface Collected {
  creates: Array<{ parts: string[]; kind: string }>;
  references: Array<{ parts: string[]; clause: SqlReferenceClause }>;
}

/** The tables of a statement's own `table` list (an INSERT's or UPDATE's target). */
function targets(
  node: AstNode,
  clause: SqlReferenceClause,
  out: Collected,
): void {
  if (!Array.isArray(node.table)) return;
  for (const entry of node.table) {
    const parts = isNode(entry) ? nameParts(entry as AstName) : undefined;
    if (parts) out.references.push({ parts, clause });
  }
}

/**
 * What one parsed statement creates and uses, or undefined for a statement the walk does
 * not understand whole (then the tolerant reader reads it).
 */
function collect(ast: unknown): Collected | undefined {
  let root = ast;
  if (Array.isArray(root)) root = root.length === 1 ? root[0] : undefined;
  if (!isNode(root)) return undefined;
  const out: Collected = { creates: [], references: [] };
  switch (root.type) {
    case 'select':
    case 'delete':
      break;
    case 'insert':
    case 'replace':
      targets(root, 'into', out);
      break;
    case 'update':
      targets(root, 'update', out);
      break;
    case 'create': {
      // A view's name is in `view`, a table's in `table`: tableList leaves a view out.
      let created: unknown;
      if (root.keyword === 'view') created = root.view;
      else if (root.keyword === 'table' && Array.isArray(root.table)) {
        created = root.table[0];
      }
      const parts = isNode(created) ? nameParts(created as AstName) : undefined;
      if (!parts) return undefined;
      out.creates.push({ parts, kind: root.keyword as string });
      break;
    }
    default:
      return undefined;
  }
  const commonTables = new Set<string>();
  const seen: Collected['references'] = [];
  // The tree is walked with a stack: its depth follows the input's nesting.
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const child of node) if (isNode(child)) stack.push(child);
      continue;
    }
    if (!isNode(node)) continue;
    if (Array.isArray(node.from)) {
      for (const entry of node.from as unknown[]) {
        if (!isNode(entry)) continue;
        const from = entry as AstName;
        // A stage (`@stage`) or a table function (`TABLE(…)`, `FLATTEN(…)`) is no object.
        if (from.type === 'var' || from.expr !== undefined) continue;
        const parts = nameParts(from);
        if (parts) seen.push({ parts, clause: from.join ? 'join' : 'from' });
      }
    }
    if (Array.isArray(node.with)) {
      for (const cte of node.with as unknown[]) {
        const name = isNode(cte) && isNode(cte.name) ? cte.name : undefined;
        if (typeof name?.value === 'string') {
          commonTables.add(
            name.type === 'default' ? name.value.toUpperCase() : name.value,
          );
        }
      }
    }
    for (const value of Object.values(node)) {
      if (isNode(value)) stack.push(value);
    }
  }
  // A name used many times is placed once: each is looked for in the tokens.
  const distinct = new Set<string>();
  for (const reference of seen) {
    const { parts } = reference;
    if (parts.length === 1 && commonTables.has(parts[0])) continue;
    const key = JSON.stringify([reference.clause, ...parts]);
    if (distinct.has(key)) continue;
    distinct.add(key);
    out.references.push(reference);
  }
  return out;
}

/** Where in a statement's tokens a name is first written, preferring a use over a qualifier (`t.a`). */
function locate(
  tokens: SqlToken[],
  byValue: Map<string, number[]>,
  parts: string[],
): number | undefined {
  const candidates = byValue.get(parts[parts.length - 1]) ?? [];
  let qualifier: number | undefined;
  for (const last of candidates) {
    let start = last;
    let matched = true;
    for (let p = parts.length - 2; p >= 0 && matched; p--) {
      const dot = tokens[start - 1];
      const part = tokens[start - 2];
      matched =
        dot?.type === 'punct' &&
        dot.value === '.' &&
        (part?.type === 'word' || part?.type === 'quoted') &&
        part.value === parts[p];
      start -= 2;
    }
    if (!matched) continue;
    const after = tokens[last + 1];
    if (after?.type === 'punct' && after.value === '.') {
      qualifier ??= start;
      continue;
    }
    return start;
  }
  return qualifier;
}

function tokensByValue(tokens: SqlToken[]): Map<string, number[]> {
  const byValue = new Map<string, number[]>();
  tokens.forEach((token, index) => {
    if (token.type !== 'word' && token.type !== 'quoted') return;
    const list = byValue.get(token.value);
    if (list) list.push(index);
    else byValue.set(token.value, [index]);
  });
  return byValue;
}

/** A statement's lineage from its parsed tree, with lines and order from its tokens. */
function statementLineage(
  collected: Collected,
  tokens: SqlToken[],
): SqlLineage {
  const byValue = tokensByValue(tokens);
  const place = (parts: string[]) => {
    const at = locate(tokens, byValue, parts);
    return { at: at ?? 0, line: tokens[at ?? 0].line };
  };
  const creates: SqlCreatedObject[] = collected.creates.map(c => ({
    name: identifierFromParts(c.parts),
    kind: c.kind,
    line: place(c.parts).line,
    statement: 0,
  }));
  const references: Array<SqlReference & { at: number }> = collected.references
    .map(r => {
      const { at, line } = place(r.parts);
      return { name: identifierFromParts(r.parts), clause: r.clause, line, at };
    })
    // In the order written, as the tolerant reader gives them.
    .sort((a, b) => a.at - b.at);
  // The parser is given no DROP, CLONE or client command (isForParser): a parsed
  // statement drops, clones and includes nothing.
  return {
    creates,
    references: references.map(({ at: _at, ...reference }) => reference),
    unread: [],
    drops: [],
    clones: [],
    includes: [],
    statements: 1,
  };
}

/**
 * The file's statements, split as the tolerant reader splits them: the tokens up to each
 * `;`, a client command (`!source …`) alone, and where their text starts and ends.
 */
function statementsOf(
  sql: string,
  tokens: SqlToken[],
): Array<{ tokens: SqlToken[]; text: string }> {
  const statements: Array<{ tokens: SqlToken[]; text: string }> = [];
  let first = 0;
  const end = (index: number, at: number) => {
    if (index > first) {
      statements.push({
        tokens: tokens.slice(first, index),
        text: sql.slice(tokens[first].start, at),
      });
    }
  };
  tokens.forEach((token, index) => {
    if (token.type === 'command') {
      end(index, token.start);
      statements.push({ tokens: [token], text: '' });
    } else if (token.type === 'punct' && token.value === ';') {
      end(index, token.start);
    } else return;
    first = index + 1;
  });
  end(tokens.length, sql.length);
  return statements;
}

/** Whether a statement is one for the parser: its kind is one the walk reads whole, and it is within the limits. */
function isForParser(
  tokens: SqlToken[],
  textLength: number,
  limits: Required<AstSqlLineageReaderOptions>,
): boolean {
  const first = tokens[0];
  if (first.type !== 'word' || !PARSED_FIRST_WORDS.has(first.value)) {
    return false;
  }
  if (textLength > limits.maxStatementLength) return false;
  if (first.value === 'CREATE') {
    let i = 1;
    while (
      tokens[i]?.type === 'word' &&
      CREATE_MODIFIERS.has((tokens[i] as { value: string }).value)
    ) {
      i++;
    }
    const kind = tokens[i];
    if (
      kind?.type !== 'word' ||
      (kind.value !== 'TABLE' && kind.value !== 'VIEW')
    ) {
      return false;
    }
  }
  let joins = 0;
  for (const token of tokens) {
    if (token.type === 'body') return false;
    if (token.type !== 'word') continue;
    if (UNMODELLED_WORDS.has(token.value)) return false;
    if (token.value === 'JOIN' && ++joins > limits.maxJoins) return false;
  }
  return true;
}

/**
 * Reads what a Snowflake SQL file creates and uses by parsing each statement with
 * node-sql-parser's Snowflake grammar, and with the tolerant `readSqlLineage` where the
 * grammar stops: MERGE, tasks (their AFTER and body), procedures and their `$$` bodies,
 * CLONE, COPY, CALL, Snowflake column types it does not know, and any statement it cannot
 * parse. The parser's work is bounded ({@link AstSqlLineageReaderOptions}): a long
 * statement, one with many joins, one that makes the parser read its text too often and
 * the statements after a file's reads are spent go to the tolerant reader too. Node-only; the answer has the tolerant reader's shape
 * and rules (comments and literals are never names; common table expressions are left
 * out; an object the file creates is no reference).
 *
 * @public
 */
export class AstSqlLineageReader implements SqlLineageReader {
  readonly #limits: Required<AstSqlLineageReaderOptions>;
  readonly #parser = new Parser();

  constructor(options: AstSqlLineageReaderOptions = {}) {
    this.#limits = { ...DEFAULTS, ...options };
  }

  /** What `sql`, a file's text, creates and uses. */
  read(sql: string): SqlLineage {
    const creates: SqlCreatedObject[] = [];
    const references = new Map<string, SqlReference>();
    const unread: SqlLineage['unread'] = [];
    const drops: SqlDroppedObject[] = [];
    const clones: SqlClone[] = [];
    const includes: SqlInclude[] = [];
    let readsLeft = this.#limits.maxReadsPerFile;
    const statements = statementsOf(sql, tokenizeSql(sql));
    statements.forEach((statement, index) => {
      let lineage: SqlLineage | undefined;
      if (
        readsLeft > 0 &&
        isForParser(statement.tokens, statement.text.length, this.#limits)
      ) {
        const text = new BudgetedText(
          statement.text,
          Math.min(
            readsLeft,
            BASE_READS +
              statement.text.length * this.#limits.maxReadsPerCharacter,
          ),
        );
        const collected = this.#parse(text);
        readsLeft -= text.reads;
        if (collected) lineage = statementLineage(collected, statement.tokens);
      }
      lineage ??= readTokenLineage(statement.tokens);
      // Each statement was read alone, as the file's first: placed back at its position.
      const at = <T extends { statement: number }>(items: T[]) =>
        items.map(item => ({ ...item, statement: index }));
      creates.push(...at(lineage.creates));
      drops.push(...at(lineage.drops));
      clones.push(...at(lineage.clones));
      includes.push(...at(lineage.includes));
      for (const reference of lineage.references) {
        if (!references.has(reference.name.key)) {
          references.set(reference.name.key, reference);
        }
      }
      unread.push(...lineage.unread);
    });
    const created = new Set(creates.map(c => c.name.key));
    return {
      creates,
      references: [...references.values()].filter(
        r => !created.has(r.name.key),
      ),
      unread,
      drops,
      clones,
      includes,
      statements: statements.length,
    };
  }

  #parse(text: BudgetedText): Collected | undefined {
    try {
      const ast = this.#parser.astify(text as unknown as string, {
        database: 'snowflake',
        trimQuery: false,
      });
      return collect(ast);
    } catch {
      // A syntax error, the read budget spent, or a nesting deeper than the stack.
      return undefined;
    }
  }
}
