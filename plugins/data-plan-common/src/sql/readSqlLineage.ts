import { identifierFromParts, ObjectIdentifier } from '../plan/identifiers';
import { SqlToken, tokenizeSql } from './sqlTokens';

/**
 * The clauses through which a statement uses another object: it reads it (`from`, `join`,
 * `using`, `clone`), writes it (`into`, `update`, `create` inside a task or procedure
 * body), calls it (`call`) or runs after it (`after`, a task's predecessors).
 *
 * @public
 */
export const SQL_REFERENCE_CLAUSES = [
  'from',
  'join',
  'using',
  'clone',
  'into',
  'update',
  'create',
  'call',
  'after',
] as const;

/**
 * One of {@link SQL_REFERENCE_CLAUSES}.
 *
 * @public
 */
export type SqlReferenceClause = (typeof SQL_REFERENCE_CLAUSES)[number];

/**
 * An object a SQL file creates.
 *
 * @public
 */
export interface SqlCreatedObject {
  /** The created object's name, compared as Snowflake compares names. */
  name: ObjectIdentifier;
  /** The kind as the statement says it, lower-case: `table`, `view`, `task`, `procedure`, `stream`… */
  kind: string;
  /** The line its name is on. */
  line: number;
  /** Position of its statement among the file's statements and client commands, from 0. */
  statement: number;
}

/**
 * An object a SQL file drops: `DROP [kind] [IF EXISTS] name`.
 *
 * @public
 */
export interface SqlDroppedObject {
  /** The dropped object's name, compared as Snowflake compares names. */
  name: ObjectIdentifier;
  /** The kind as the statement says it, lower-case: `table`, `view`, `task`, `procedure`… */
  kind: string;
  /** The line its name is on. */
  line: number;
  /** Position of its statement among the file's statements and client commands, from 0. */
  statement: number;
}

/**
 * A clone a SQL file's CREATE makes: `CREATE TABLE name CLONE source`.
 *
 * @public
 */
export interface SqlClone {
  /** The object the statement creates. */
  name: ObjectIdentifier;
  /** The object it is a clone of. */
  source: ObjectIdentifier;
  /** The line the source's name is on. */
  line: number;
  /** Position of its statement among the file's statements and client commands, from 0. */
  statement: number;
}

/**
 * A file a SQL script runs at that point: a SnowSQL or Snowflake CLI `!source PATH` (or
 * `!load PATH`) line.
 *
 * @public
 */
export interface SqlInclude {
  /** The path as written, without surrounding quotes or a trailing `;`. */
  path: string;
  /** The line of the command. */
  line: number;
  /** Position of the command among the file's statements and client commands, from 0. */
  statement: number;
}

/**
 * An object a SQL file uses, through the first clause that names it.
 *
 * @public
 */
export interface SqlReference {
  /** The used object's name, compared as Snowflake compares names. */
  name: ObjectIdentifier;
  /** The clause that first names it. */
  clause: SqlReferenceClause;
  /** The line where it is first named. */
  line: number;
}

/**
 * What a SQL file creates and what it uses: the objects named after FROM, JOIN, INTO,
 * USING, UPDATE, CLONE, CALL and a task's AFTER, in its statements and in the bodies of
 * SQL procedures, with the names of common table expressions left out.
 *
 * @public
 */
export interface SqlLineage {
  /** What the file's own CREATE statements make, in order. */
  creates: SqlCreatedObject[];
  /** Each object once, in the order first named; an object the file creates is left out. */
  references: SqlReference[];
  /** What was not read, and why (a body in another language than SQL). */
  unread: Array<{ line: number; reason: string }>;
  /** What the file's own DROP statements drop, in order. */
  drops: SqlDroppedObject[];
  /** The clones its own CREATE statements make, in order. */
  clones: SqlClone[];
  /** The files its `!source` commands run, in order. */
  includes: SqlInclude[];
  /** How many statements and client commands the file holds (bodies' statements not counted). */
  statements: number;
}

// Words that are never a table's alias or a function's name: after them `(` opens a
// subquery or a list, and a name is not an alias.
const RESERVED = new Set(
  (
    'ALL AND ANY AS AT BEFORE BEGIN BETWEEN BY CASE CHANGES CONNECT CROSS DISTINCT ELSE END ' +
    'EXCEPT EXISTS FROM FULL GROUP HAVING IN INNER INTERSECT INTO IS JOIN LATERAL LEFT LIKE ' +
    'LIMIT MATCH_RECOGNIZE MINUS NATURAL NOT NULL OFFSET ON OR ORDER OUTER OVER PARTITION ' +
    'PIVOT QUALIFY RETURN RETURNS RIGHT SAMPLE SELECT SET SOME START TABLESAMPLE THEN TOP ' +
    'UNION UNPIVOT USING VALUES WHEN WHERE WINDOW WITH'
  ).split(' '),
);

// What may stand between CREATE and the kind of object (`CREATE OR ALTER TABLE` too).
const CREATE_MODIFIERS = new Set(
  'OR REPLACE ALTER SECURE TRANSIENT TEMPORARY TEMP VOLATILE LOCAL GLOBAL MATERIALIZED RECURSIVE DYNAMIC EXTERNAL ICEBERG HYBRID EVENT'.split(
    ' ',
  ),
);

// Kinds of two words, the first as it is met.
const TWO_WORD_KINDS: Record<string, string> = {
  FILE: 'FORMAT',
  NETWORK: 'RULE',
  ROW: 'ACCESS',
  MASKING: 'POLICY',
};

const CLAUSE_OF_WORD: Partial<Record<string, SqlReferenceClause>> = {
  FROM: 'from',
  JOIN: 'join',
  USING: 'using',
  CLONE: 'clone',
  INTO: 'into',
  UPDATE: 'update',
  CALL: 'call',
  AFTER: 'after',
};

// The most parts of a name: DB.SCHEMA.NAME.
const MAX_NAME_PARTS = 3;

function isWord(token: SqlToken | undefined, value: string): boolean {
  return token?.type === 'word' && token.value === value;
}

function isPunct(token: SqlToken | undefined, value: string): boolean {
  return token?.type === 'punct' && token.value === value;
}

function isNamePart(token: SqlToken | undefined): boolean {
  return (
    (token?.type === 'word' && !RESERVED.has(token.value)) ||
    token?.type === 'quoted'
  );
}

/** A name of 1 to 3 parts at `start`, or undefined; `next` is the token after it. */
function readName(
  tokens: SqlToken[],
  start: number,
): { name: ObjectIdentifier; line: number; next: number } | undefined {
  if (!isNamePart(tokens[start])) return undefined;
  const parts: string[] = [];
  let i = start;
  for (;;) {
    parts.push((tokens[i] as { value: string }).value);
    i++;
    if (
      parts.length < MAX_NAME_PARTS &&
      isPunct(tokens[i], '.') &&
      isNamePart(tokens[i + 1])
    ) {
      i++;
      continue;
    }
    break;
  }
  // `a.b.c.d` is no object name: give up on it whole rather than read a part of it.
  if (isPunct(tokens[i], '.')) return undefined;
  return {
    name: identifierFromParts(parts),
    line: tokens[start].line,
    next: i,
  };
}

/** The statements of `tokens`, split at each `;` (a body's are inside its token). */
function statementsOf(tokens: SqlToken[]): SqlToken[][] {
  const statements: SqlToken[][] = [];
  let current: SqlToken[] = [];
  for (const token of tokens) {
    if (isPunct(token, ';')) {
      if (current.length) statements.push(current);
      current = [];
    } else if (token.type === 'command') {
      // A client command stands on its own line, outside any statement.
      if (current.length) statements.push(current);
      statements.push([token]);
      current = [];
    } else current.push(token);
  }
  if (current.length) statements.push(current);
  return statements;
}

interface CreateHeader {
  kind: string;
  name?: { name: ObjectIdentifier; line: number; next: number };
  /** The token after the header. */
  next: number;
}

/** `CREATE [OR REPLACE] [modifiers] KIND [IF NOT EXISTS] name` at `start`. */
function readCreate(tokens: SqlToken[], start: number): CreateHeader {
  const read = readKind(tokens, start + 1, CREATE_MODIFIERS);
  if (!read) return { kind: '', next: start + 1 };
  const { kind } = read;
  let i = read.next;
  if (
    isWord(tokens[i], 'IF') &&
    isWord(tokens[i + 1], 'NOT') &&
    isWord(tokens[i + 2], 'EXISTS')
  ) {
    i += 3;
  }
  const name = readName(tokens, i);
  return { kind, name, next: name?.next ?? i };
}

/**
 * The kind of object a CREATE or DROP names at `start`, after its modifiers, lower-case
 * (`table`, `file format`, `row access policy`); undefined when there is no word there.
 */
function readKind(
  tokens: SqlToken[],
  start: number,
  modifiers: ReadonlySet<string>,
): { kind: string; next: number } | undefined {
  let i = start;
  while (modifiers.has(tokenValue(tokens[i])) && tokens[i].type === 'word') i++;
  const kindToken = tokens[i];
  if (kindToken?.type !== 'word') return undefined;
  let kind = kindToken.value;
  i++;
  const second = TWO_WORD_KINDS[kind];
  if (second && isWord(tokens[i], second)) {
    kind = `${kind} ${second}`;
    i++;
    if (isWord(tokens[i], 'POLICY')) {
      kind = `${kind} POLICY`;
      i++;
    }
  }
  return { kind: kind.toLowerCase(), next: i };
}

/** The language a procedure's or function's statement names; SQL when it names none. */
function languageOf(tokens: SqlToken[]): string {
  for (let i = 0; i < tokens.length - 1; i++) {
    if (isWord(tokens[i], 'LANGUAGE') && tokens[i + 1].type === 'word') {
      return (tokens[i + 1] as { value: string }).value;
    }
  }
  return 'SQL';
}

class LineageCollector {
  readonly creates: SqlCreatedObject[] = [];
  readonly unread: SqlLineage['unread'] = [];
  readonly drops: SqlDroppedObject[] = [];
  readonly clones: SqlClone[] = [];
  readonly includes: SqlInclude[] = [];
  statements = 0;
  readonly #references = new Map<string, SqlReference>();
  readonly #commonTables = new Set<string>();

  reference(name: ObjectIdentifier, clause: SqlReferenceClause, line: number) {
    if (!this.#references.has(name.key)) {
      this.#references.set(name.key, { name, clause, line });
    }
  }

  commonTable(name: string) {
    this.#commonTables.add(name);
  }

  lineage(): SqlLineage {
    const created = new Set(this.creates.map(c => c.name.key));
    const references = [...this.#references.values()].filter(
      r =>
        !created.has(r.name.key) &&
        !(r.name.depth === 1 && this.#commonTables.has(r.name.key)),
    );
    return {
      creates: this.creates,
      references,
      unread: this.unread,
      drops: this.drops,
      clones: this.clones,
      includes: this.includes,
      statements: this.statements,
    };
  }
}

/**
 * Reads one statement. `inBody` is true for the statements of a procedure's body, where a
 * CREATE makes an object the procedure writes, not the file's own.
 */
function readStatement(
  tokens: SqlToken[],
  collector: LineageCollector,
  inBody: boolean,
  statement: number,
): void {
  if (!inBody) {
    const first = tokens[0];
    if (first.type === 'command') {
      readCommand(first, collector, statement);
      return;
    }
    if (isWord(first, 'DROP')) {
      readDrop(tokens, collector, statement);
      return;
    }
  }
  // Whether each open parenthesis is a function's arguments (where FROM is EXTRACT's or
  // TRIM's, not a table's) or a subquery or list.
  const calls: boolean[] = [];
  let ownCreate = !inBody;
  // The object this statement itself creates, which a CLONE clause would copy into.
  let created: ObjectIdentifier | undefined;
  let language: string | undefined;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token.type === 'punct') {
      if (token.value === '(') {
        const before = tokens[i - 1];
        calls.push(
          (before?.type === 'word' && !RESERVED.has(before.value)) ||
            before?.type === 'quoted',
        );
      } else if (token.value === ')') {
        calls.pop();
      }
      i++;
      continue;
    }
    if (token.type === 'body') {
      language ??= languageOf(tokens);
      if (language === 'SQL') {
        readStatements(tokenizeSql(token.value, token.line), collector, true);
      } else {
        collector.unread.push({
          line: token.line,
          reason: `the ${language} body is not read`,
        });
      }
      i++;
      continue;
    }
    if (token.type !== 'word' || calls[calls.length - 1]) {
      i++;
      continue;
    }
    if (token.value === 'CREATE') {
      const header = readCreate(tokens, i);
      if (header.name) {
        if (ownCreate) {
          created = header.name.name;
          collector.creates.push({
            name: header.name.name,
            kind: header.kind,
            line: header.name.line,
            statement,
          });
        } else {
          created = undefined;
          collector.reference(header.name.name, 'create', header.name.line);
        }
      }
      // A task's body may create a table: that is one the task writes.
      ownCreate = false;
      i = Math.max(i + 1, header.next);
      continue;
    }
    if (token.value === 'WITH' || isPunct(tokens[i - 1], ',')) {
      // `WITH name AS (` and `, name AS (`: a common table expression, not an object.
      const at = token.value === 'WITH' ? i + 1 : i;
      const start = isWord(tokens[at], 'RECURSIVE') ? at + 1 : at;
      if (
        isNamePart(tokens[start]) &&
        isWord(tokens[start + 1], 'AS') &&
        isPunct(tokens[start + 2], '(')
      ) {
        collector.commonTable((tokens[start] as { value: string }).value);
      }
      if (token.value === 'WITH') {
        i++;
        continue;
      }
    }
    const clause = CLAUSE_OF_WORD[token.value];
    if (!clause) {
      i++;
      continue;
    }
    if (clause === 'clone' && created) {
      const source = readName(tokens, i + 1);
      if (source) {
        collector.clones.push({
          name: created,
          source: source.name,
          line: source.line,
          statement,
        });
      }
      created = undefined;
    }
    i = readClause(tokens, i + 1, clause, collector);
  }
}

/** The names after a clause's word at `start`; returns where reading goes on. */
function readClause(
  tokens: SqlToken[],
  start: number,
  clause: SqlReferenceClause,
  collector: LineageCollector,
): number {
  let i = start;
  // A list only where SQL has one: FROM a, b and a task's AFTER a, b.
  const list = clause === 'from' || clause === 'after';
  for (;;) {
    if (isWord(tokens[i], 'LATERAL')) i++;
    const name = readName(tokens, i);
    if (!name) return i;
    // A name before `(` is a table function or a procedure's arguments.
    if (isPunct(tokens[name.next], '(') && clause !== 'call') return name.next;
    collector.reference(name.name, clause, name.line);
    i = name.next;
    if (!list) return i;
    if (isWord(tokens[i], 'AS')) i++;
    if (isNamePart(tokens[i]) && !CLAUSE_OF_WORD[tokenValue(tokens[i])]) i++;
    if (!isPunct(tokens[i], ',')) return i;
    i++;
  }
}

function tokenValue(token: SqlToken | undefined): string {
  return token && 'value' in token ? token.value : '';
}

function readStatements(
  tokens: SqlToken[],
  collector: LineageCollector,
  inBody: boolean,
): void {
  const statements = statementsOf(tokens);
  statements.forEach((statement, index) =>
    readStatement(statement, collector, inBody, index),
  );
  if (!inBody) collector.statements = statements.length;
}

// Kinds of object that DROP names after modifiers such as MATERIALIZED or DYNAMIC.
const DROP_MODIFIERS = new Set(
  'MATERIALIZED DYNAMIC EXTERNAL ICEBERG HYBRID SECURE TEMPORARY TRANSIENT'.split(
    ' ',
  ),
);

/** `DROP [modifiers] KIND [IF EXISTS] name`: what the file drops. */
function readDrop(
  tokens: SqlToken[],
  collector: LineageCollector,
  statement: number,
): void {
  const read = readKind(tokens, 1, DROP_MODIFIERS);
  if (!read) return;
  const { kind } = read;
  let i = read.next;
  if (isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'EXISTS')) i += 2;
  const name = readName(tokens, i);
  if (name) {
    collector.drops.push({
      name: name.name,
      kind,
      line: name.line,
      statement,
    });
  }
}

// The most characters of an include's path that are kept: a longer one is no path.
const MAX_INCLUDE_PATH = 4096;

/** `!source PATH` and `!load PATH`: a file the script runs; other commands say nothing. */
function readCommand(
  command: Extract<SqlToken, { type: 'command' }>,
  collector: LineageCollector,
  statement: number,
): void {
  const text = command.value;
  let end = 0;
  while (end < text.length && !isSpaceCode(text.charCodeAt(end))) end++;
  const name = text.slice(0, end).toLowerCase();
  if (name !== 'source' && name !== 'load') return;
  let path = text.slice(end).trim();
  if (path.endsWith(';')) path = path.slice(0, -1).trimEnd();
  const quote = path[0];
  if (
    path.length >= 2 &&
    (quote === '"' || quote === "'") &&
    path[path.length - 1] === quote
  ) {
    path = path.slice(1, -1);
  }
  if (!path) return;
  collector.includes.push({
    path:
      path.length > MAX_INCLUDE_PATH ? path.slice(0, MAX_INCLUDE_PATH) : path,
    line: command.line,
    statement,
  });
}

function isSpaceCode(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * The lineage of tokens already split from a text (a whole file, or one statement of it),
 * read as {@link readSqlLineage} reads a file.
 */
export function readTokenLineage(tokens: SqlToken[]): SqlLineage {
  const collector = new LineageCollector();
  readStatements(tokens, collector, false);
  return collector.lineage();
}

/**
 * Reads what a Snowflake SQL file creates and uses, tolerantly: any text gives an answer,
 * in time linear in its length. Comments and string literals are never read as names;
 * unquoted names compare upper-cased and quoted names exactly (see {@link SqlLineage}).
 *
 * @public
 */
export function readSqlLineage(sql: string): SqlLineage {
  return readTokenLineage(tokenizeSql(sql));
}
