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
  let i = start + 1;
  while (
    CREATE_MODIFIERS.has(tokenValue(tokens[i])) &&
    tokens[i].type === 'word'
  )
    i++;
  const kindToken = tokens[i];
  if (kindToken?.type !== 'word') return { kind: '', next: i };
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
  if (
    isWord(tokens[i], 'IF') &&
    isWord(tokens[i + 1], 'NOT') &&
    isWord(tokens[i + 2], 'EXISTS')
  ) {
    i += 3;
  }
  const name = readName(tokens, i);
  return { kind: kind.toLowerCase(), name, next: name?.next ?? i };
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
    return { creates: this.creates, references, unread: this.unread };
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
): void {
  // Whether each open parenthesis is a function's arguments (where FROM is EXTRACT's or
  // TRIM's, not a table's) or a subquery or list.
  const calls: boolean[] = [];
  let ownCreate = !inBody;
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
          collector.creates.push({
            name: header.name.name,
            kind: header.kind,
            line: header.name.line,
          });
        } else {
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
  for (const statement of statementsOf(tokens)) {
    readStatement(statement, collector, inBody);
  }
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
