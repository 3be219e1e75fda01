/**
 * bench/sql: the AST reader (node-sql-parser's Snowflake grammar, falling back to the
 * tolerant reader) against the tolerant reader alone, on the examples' object SQL and on
 * hostile inputs; ratio = AST / tolerant of the same runs. Then the bare parser on a few
 * of the hostile inputs, to show what the reader's bounds keep it from.
 *
 *   yarn bench:sql            (RUNS=20 by default)
 *   SECTIONS=examples yarn bench:sql
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSqlLineage } from '@dataplan/plugin-data-plan-common';
import { AstSqlLineageReader } from '@dataplan/plugin-data-plan-common/sql-parser';
import { Parser } from 'node-sql-parser/build/snowflake';

const RUNS = Number(process.env.RUNS ?? 20);
const WARMUP = 5;
const EXAMPLES = join(__dirname, '../../examples/data-projects');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs both alternately, so that both see the same JIT state and machine load; medians in ms. */
function measurePair(
  baseline: () => unknown,
  candidate: () => unknown,
  runs = RUNS,
) {
  for (let i = 0; i < WARMUP; i++) {
    baseline();
    candidate();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    baseline();
    a.push(performance.now() - start);
    start = performance.now();
    candidate();
    b.push(performance.now() - start);
  }
  return { tolerant: median(a), ast: median(b) };
}

function exampleFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.sql')) files.push(path);
    }
  };
  for (const project of readdirSync(EXAMPLES))
    walk(join(EXAMPLES, project, 'src'));
  return files.sort();
}

const reader = new AstSqlLineageReader();

function header(first: string) {
  console.log(
    `${first.padEnd(64)} ${'size'.padStart(9)} ${'tolerant'.padStart(
      11,
    )} ${'AST'.padStart(11)} ${'ratio'.padStart(8)}`,
  );
}

function row(label: string, text: string, runs = RUNS) {
  const { tolerant, ast } = measurePair(
    () => readSqlLineage(text),
    () => reader.read(text),
    runs,
  );
  const size =
    text.length >= 10_240
      ? `${(text.length / 1024).toFixed(0)} KB`
      : `${text.length} B`;
  console.log(
    `${label.padEnd(64)} ${size.padStart(9)} ${tolerant
      .toFixed(3)
      .padStart(8)} ms ${ast.toFixed(3).padStart(8)} ms ${(ast / tolerant)
      .toFixed(1)
      .padStart(8)}`,
  );
  return { tolerant, ast };
}

console.log(
  `bench/sql — median of ${RUNS} warm runs each, tolerant and AST reader alternating (after ${WARMUP} warm-up), node ${process.version}`,
);

if (process.env.SECTIONS !== 'hostile') {
  console.log('');
  header('examples (src/**/*.sql)');
  const files = exampleFiles();
  let tolerantTotal = 0;
  let astTotal = 0;
  for (const file of files) {
    const { tolerant, ast } = row(
      file.slice(EXAMPLES.length + 1),
      readFileSync(file, 'utf8'),
    );
    tolerantTotal += tolerant;
    astTotal += ast;
  }
  console.log(
    `${`all ${files.length} files`.padEnd(64)} ${''.padStart(9)} ${tolerantTotal
      .toFixed(3)
      .padStart(8)} ms ${astTotal.toFixed(3).padStart(8)} ms ${(
      astTotal / tolerantTotal
    )
      .toFixed(1)
      .padStart(8)}`,
  );
}

if (process.env.SECTIONS !== 'examples') {
  const HOSTILE_RUNS = Math.max(3, Math.floor(RUNS / 4));
  const joins = (n: number) =>
    `SELECT * FROM R.T0 ${Array.from(
      { length: n },
      (_, i) => `JOIN R.T${i + 1} ON R.T${i + 1}.a = R.T${i}.a`,
    ).join(' ')}`;
  const nested = (unit: string, n: number) =>
    `SELECT ${unit.repeat(n)}1 FROM R.T`;
  const cases: Array<[string, string]> = [
    ['CASE WHEN ( nested 12 deep, unterminated', nested('CASE WHEN (', 12)],
    ['CAST( nested 12 deep, unterminated', nested('CAST(', 12)],
    ['EXISTS (SELECT nested 12 deep', nested('EXISTS (SELECT ', 12)],
    ['64 joins (at the join limit)', joins(64)],
    ['200 joins (past the join limit)', joins(200)],
    [
      '2,400-column select list (under the 16 KB limit)',
      `SELECT ${Array.from({ length: 2400 }, (_, i) => `c${i}`).join(
        ', ',
      )} FROM R.T`,
    ],
    ['1 MB of (', `SELECT ${'('.repeat(1_000_000)}`],
    ['1 MB unterminated literal', `SELECT '${'x'.repeat(1_000_000)}`],
    ['1 MB of short statements', 'SELECT a FROM R.T;'.repeat(55_000)],
    [
      '8,000 nested parentheses (within 16 KB)',
      `SELECT ${'('.repeat(8000)}1${')'.repeat(8000)} FROM R.T`,
    ],
  ];
  console.log('');
  console.log(`hostile inputs — median of ${HOSTILE_RUNS} runs each`);
  header('case');
  for (const [label, text] of cases) row(label, text, HOSTILE_RUNS);

  // What the bounds keep the reader from: the bare parser on the same kind of input.
  console.log('');
  console.log('the bare parser, unbounded (one run each; nesting depth n)');
  const parser = new Parser();
  for (const [unit, depths] of [
    ['CASE WHEN (', [4, 6, 8]],
    ['CAST(', [2, 4, 6]],
  ] as const) {
    for (const n of depths) {
      const sql = nested(unit, n);
      const start = performance.now();
      try {
        parser.astify(sql, { database: 'snowflake' });
      } catch {
        // A syntax error, as expected: only the time counts.
      }
      const ms = performance.now() - start;
      console.log(
        `${`${unit} × ${n}`.padEnd(64)} ${`${sql.length} B`.padStart(9)} ${ms
          .toFixed(1)
          .padStart(8)} ms`,
      );
    }
  }
}
