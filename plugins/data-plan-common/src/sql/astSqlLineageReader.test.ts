import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Parser } from 'node-sql-parser/build/snowflake';
import { AstSqlLineageReader } from './astSqlLineageReader';
import { readSqlLineage, SqlLineage } from './readSqlLineage';
import { SqlLineageReader, tolerantSqlLineageReader } from './sqlLineageReader';

const EXAMPLES = join(__dirname, '../../../../examples/data-projects');

/** The examples' SQL: every `.sql` under each project's `folder` (its objects' in `src/`). */
function exampleSql(folder = 'src'): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.sql')) files.push(path);
    }
  };
  for (const project of readdirSync(EXAMPLES)) {
    const root = join(EXAMPLES, project, folder);
    if (existsSync(root)) walk(root);
  }
  return files.map(f => relative(EXAMPLES, f)).sort();
}

function created(lineage: SqlLineage) {
  return lineage.creates.map(c => `${c.kind} ${c.name.key}`);
}

function used(lineage: SqlLineage) {
  return lineage.references.map(r => `${r.clause} ${r.name.key}`);
}

const astReader = new AstSqlLineageReader();
const readers: Array<[string, SqlLineageReader]> = [
  ['the tolerant reader', tolerantSqlLineageReader],
  ['the AST reader', astReader],
];

afterEach(() => jest.restoreAllMocks());

/** Spies on the parser: what each call returned or threw. */
function spyOnParser() {
  return jest.spyOn(Parser.prototype, 'astify');
}

describe('AstSqlLineageReader and the tolerant reader on the samples', () => {
  const files = exampleSql();

  it('finds the samples', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('read %s alike', file => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    const ast = astReader.read(text);
    expect(ast).toEqual(readSqlLineage(text));
    // Every sample creates exactly its object.
    expect(ast.creates).toHaveLength(1);
  });
});

describe('AstSqlLineageReader and the tolerant reader on the deploy scripts', () => {
  const files = exampleSql('deploy');

  it.each(files)('read %s alike', file => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    expect(astReader.read(text)).toEqual(readSqlLineage(text));
  });

  it('find the scripts’ drops, clones and includes', () => {
    const all = files.map(file =>
      astReader.read(readFileSync(join(EXAMPLES, file), 'utf8')),
    );
    expect(all.some(l => l.drops.length > 0)).toBe(true);
    expect(all.some(l => l.clones.length > 0)).toBe(true);
    expect(all.some(l => l.includes.length > 0)).toBe(true);
  });

  it('place what each statement holds at its position among statements and commands', () => {
    const spy = spyOnParser();
    const text = [
      '!source src/a.sql',
      'CREATE TABLE T.A (ID INT);',
      'SELECT * FROM T.X',
      '!set variable_substitution=true',
      'DROP VIEW IF EXISTS T.V;',
      'CREATE OR REPLACE TABLE T.B CLONE T.A;',
      "!load 'src/b.sql'",
      'CREATE VIEW T.W AS SELECT * FROM T.Y;',
    ].join('\n');
    const lineage = astReader.read(text);
    // The two CREATEs and the SELECT reach the parser; DROP, CLONE and commands do not.
    // Each is given its own text, up to the command after it: all three parse.
    expect(spy.mock.results.map(r => r.type)).toEqual([
      'return',
      'return',
      'return',
    ]);
    expect(lineage).toEqual(readSqlLineage(text));
    expect(lineage.statements).toBe(8);
    expect(lineage.creates.map(c => `${c.name.key} ${c.statement}`)).toEqual([
      'T.A 1',
      'T.B 5',
      'T.W 7',
    ]);
    expect(
      lineage.drops.map(d => `${d.kind} ${d.name.key} ${d.statement}`),
    ).toEqual(['view T.V 4']);
    expect(
      lineage.clones.map(
        c => `${c.name.key} <- ${c.source.key} ${c.statement}`,
      ),
    ).toEqual(['T.B <- T.A 5']);
    expect(lineage.includes).toEqual([
      { path: 'src/a.sql', line: 1, statement: 0 },
      { path: 'src/b.sql', line: 7, statement: 6 },
    ]);
  });

  it('parses the views and CTAS tables, and falls back for Snowflake column types, tasks and procedures', () => {
    const spy = spyOnParser();
    const parsed = (file: string) => {
      spy.mockClear();
      astReader.read(readFileSync(join(EXAMPLES, file), 'utf8'));
      return spy.mock.results.map(r => r.type);
    };
    expect(
      parsed('sales-orders/src/transformation/views/orders_enriched.sql'),
    ).toEqual(['return']);
    expect(
      parsed('sales-orders/src/transformation/tables/orders_clean.sql'),
    ).toEqual(['return']);
    // TIMESTAMP_LTZ is no type the grammar knows: it fails, the tolerant reader reads it.
    expect(parsed('sales-orders/src/raw/tables/orders_raw.sql')).toEqual([
      'throw',
    ]);
    // A task and a procedure with a `$$` body never reach the parser.
    expect(
      parsed('sales-orders/src/transformation/tasks/refresh_orders_task.sql'),
    ).toEqual([]);
    expect(parsed('sales-orders/src/raw/procedures/load_orders.sql')).toEqual(
      [],
    );
  });

  it('agrees with the sample lineage', () => {
    const lineage = astReader.read(
      readFileSync(
        join(
          EXAMPLES,
          'customer-360/src/transformation/tables/customer_profile.sql',
        ),
        'utf8',
      ),
    );
    expect(created(lineage)).toEqual([
      'table MKT_DB.TRANSFORM.CUSTOMER_PROFILE',
    ]);
    expect(lineage.references).toEqual([
      expect.objectContaining({ clause: 'from', line: 4 }),
      expect.objectContaining({ clause: 'join', line: 5 }),
    ]);
    expect(used(lineage)).toEqual([
      'from MKT_DB.RAW.CRM_CONTACTS',
      'join MKT_DB.RAW.WEB_EVENTS',
    ]);
  });
});

describe.each(readers)('%s on hand-written Snowflake DDL', (_name, reader) => {
  it('reads a view: its name and what it selects from, with lines', () => {
    const lineage = reader.read(`-- the daily view
CREATE OR REPLACE VIEW sales_db.analytics.daily AS
SELECT d.day, SUM(o.amount) AS revenue
FROM sales_db.transform.orders o
JOIN sales_db.raw.days d ON d.day = o.day
GROUP BY 1;`);
    expect(created(lineage)).toEqual(['view SALES_DB.ANALYTICS.DAILY']);
    expect(lineage.creates[0].line).toBe(2);
    expect(lineage.references).toEqual([
      expect.objectContaining({ clause: 'from', line: 4 }),
      expect.objectContaining({ clause: 'join', line: 5 }),
    ]);
    expect(used(lineage)).toEqual([
      'from SALES_DB.TRANSFORM.ORDERS',
      'join SALES_DB.RAW.DAYS',
    ]);
  });

  it('reads a CTAS with a common table expression, a subquery and a UNION', () => {
    const lineage = reader.read(`CREATE TABLE T.SUMMARY AS
WITH recent AS (SELECT * FROM R.ORDERS WHERE d > 1)
SELECT id FROM recent
WHERE id IN (SELECT id FROM R.KEEP)
UNION ALL SELECT id FROM (SELECT id FROM R.ARCHIVE) a`);
    expect(created(lineage)).toEqual(['table T.SUMMARY']);
    expect(used(lineage)).toEqual([
      'from R.ORDERS',
      'from R.KEEP',
      'from R.ARCHIVE',
    ]);
  });

  it('compares unquoted names upper-cased and quoted names exactly', () => {
    const lineage = reader.read(
      'create view db.s.v as select * from db.s.orders o join "Db"."S"."Mixed" m on o.id = m.id join "lower" l on true',
    );
    expect(created(lineage)).toEqual(['view DB.S.V']);
    expect(used(lineage)).toEqual([
      'from DB.S.ORDERS',
      'join Db.S.Mixed',
      'join lower',
    ]);
  });

  it('never reads comments or string literals as references, even with SQL keywords in them', () => {
    const lineage = reader.read(`/* SELECT * FROM BLOCK_COMMENT; */
CREATE VIEW V AS
-- JOIN COMMENTED_OUT
SELECT 'FROM NOT_A_TABLE' AS a, 'it''s JOIN x; CREATE TABLE y' AS note
FROM REAL_TABLE -- FROM TRAILING
WHERE s = 'UPDATE z SET a = 1';`);
    expect(created(lineage)).toEqual(['view V']);
    expect(used(lineage)).toEqual(['from REAL_TABLE']);
  });

  it('reads INSERT … SELECT and UPDATE … FROM', () => {
    const lineage =
      reader.read(`INSERT INTO C.SUMMARY SELECT COUNT(*) FROM T.ORDERS;
UPDATE T.ORDERS SET flag = 1 FROM T.FLAGS f WHERE f.id = T.ORDERS.id;`);
    expect(used(lineage)).toEqual([
      'into C.SUMMARY',
      'from T.ORDERS',
      'from T.FLAGS',
    ]);
  });

  it('reads MERGE INTO … USING', () => {
    const lineage = reader.read(`MERGE INTO T.CUSTOMERS AS t
USING R.CUSTOMERS_RAW s ON t.id = s.id
WHEN MATCHED THEN UPDATE SET t.name = s.name
WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name);`);
    expect(used(lineage)).toEqual([
      'into T.CUSTOMERS',
      'using R.CUSTOMERS_RAW',
    ]);
  });

  it("reads a task's AFTER and its body", () => {
    const lineage = reader.read(`CREATE OR REPLACE TASK T.CHILD
  WAREHOUSE = WH
  AFTER T.PARENT
AS
  INSERT INTO C.SUMMARY SELECT COUNT(*) FROM T.ORDERS;`);
    expect(created(lineage)).toEqual(['task T.CHILD']);
    expect(used(lineage)).toEqual([
      'after T.PARENT',
      'into C.SUMMARY',
      'from T.ORDERS',
    ]);
  });

  it('reads a procedure with a $$ body, where SQL keywords in literals stay literals', () => {
    const lineage = reader.read(`CREATE OR REPLACE PROCEDURE P.LOAD()
RETURNS VARCHAR LANGUAGE SQL AS
$$
BEGIN
  INSERT INTO P.TARGET SELECT * FROM P.SOURCE;
  RETURN 'FROM P.NOT_READ';
END;
$$;`);
    expect(created(lineage)).toEqual(['procedure P.LOAD']);
    expect(used(lineage)).toEqual(['into P.TARGET', 'from P.SOURCE']);
    expect(lineage.references[0].line).toBe(5);
  });

  it('reads tables with Snowflake column types, and CLONE', () => {
    const lineage = reader.read(`CREATE OR REPLACE TRANSIENT TABLE R.EVENTS (
  ID VARCHAR NOT NULL, AT_NTZ TIMESTAMP_NTZ, AT_LTZ TIMESTAMP_LTZ DEFAULT CURRENT_TIMESTAMP(),
  PAYLOAD VARIANT, AMOUNT NUMBER(12, 2)
);
CREATE TABLE R.EVENTS_BACKUP CLONE R.EVENTS_OLD;`);
    expect(created(lineage)).toEqual([
      'table R.EVENTS',
      'table R.EVENTS_BACKUP',
    ]);
    expect(used(lineage)).toEqual(['clone R.EVENTS_OLD']);
  });

  it('reads CREATE OR ALTER as a create', () => {
    const lineage = reader.read(
      'CREATE OR ALTER VIEW T.V AS SELECT * FROM T.A; CREATE OR ALTER TABLE T.B (x INT)',
    );
    expect(created(lineage)).toEqual(['view T.V', 'table T.B']);
    expect(used(lineage)).toEqual(['from T.A']);
  });

  it('skips stages and table functions', () => {
    const lineage = reader.read(
      'SELECT * FROM @R.STAGE; SELECT * FROM TABLE(GEN(1)); SELECT * FROM T.A, LATERAL FLATTEN(input => v) f',
    );
    expect(used(lineage)).toEqual(['from T.A']);
  });

  it('leaves out what the file itself creates', () => {
    const lineage = reader.read(`CREATE TABLE S.A (x INT);
CREATE VIEW S.B AS SELECT * FROM S.A JOIN S.C ON true;`);
    expect(created(lineage)).toEqual(['table S.A', 'view S.B']);
    expect(used(lineage)).toEqual(['join S.C']);
  });
});

describe('AstSqlLineageReader', () => {
  it('takes a view’s created name from the tree, which tableList leaves out', () => {
    const spy = spyOnParser();
    const lineage = astReader.read('CREATE VIEW "Db".S.V AS SELECT * FROM S.T');
    expect(spy.mock.results.map(r => r.type)).toEqual(['return']);
    expect(
      new Parser().tableList('CREATE VIEW "Db".S.V AS SELECT * FROM S.T'),
    ).not.toContainEqual(expect.stringContaining('::V'));
    expect(lineage.creates).toEqual([
      expect.objectContaining({
        kind: 'view',
        name: expect.objectContaining({ key: 'Db.S.V' }),
        line: 1,
      }),
    ]);
    expect(used(lineage)).toEqual(['from S.T']);
  });

  it('reads statements the grammar parses, and the rest with the tolerant reader, in one answer', () => {
    const spy = spyOnParser();
    const lineage = astReader.read(`CREATE TABLE T.A AS SELECT * FROM R.X;
MERGE INTO T.A USING R.Y ON T.A.id = R.Y.id WHEN MATCHED THEN DELETE;
SELECT * FROM db..weird;
CALL T.REFRESH();`);
    // Only the CTAS and the `db..weird` SELECT reach the parser; MERGE and CALL do not.
    expect(spy).toHaveBeenCalledTimes(2);
    expect(used(lineage)).toEqual(['from R.X', 'using R.Y', 'call T.REFRESH']);
  });

  it('gives an answer for any text', () => {
    for (const text of [
      '',
      ';;;',
      'SELECT * FROM "unterminated',
      "SELECT 'unterminated FROM X",
      '/* unterminated FROM X',
      'CREATE PROCEDURE P() AS $$ SELECT * FROM X',
      'CREATE',
      '((((((((',
      '# not sql at all',
    ]) {
      expect(astReader.read(text)).toEqual(readSqlLineage(text));
    }
  });
});

describe('AstSqlLineageReader on hostile SQL', () => {
  // Each of these keeps the parser away or stops it, and the spies show which bound did:
  // unbounded, `CASE WHEN (` nested 12 deep takes the parser about 5 minutes.
  it('stops the parser on nestings it would take exponential time over', () => {
    for (const unit of [
      'CASE WHEN (',
      'CAST(',
      'EXISTS (SELECT ',
      'NOT (',
      '(CASE WHEN ',
    ]) {
      const spy = spyOnParser();
      const sql = `SELECT ${unit.repeat(14)}1 FROM R.T`;
      expect(used(astReader.read(sql))).toEqual(used(readSqlLineage(sql)));
      expect(spy).toHaveBeenCalledTimes(1);
      const [result] = spy.mock.results;
      expect(result.type).toBe('throw');
      expect((result.value as Error).constructor.name).toBe(
        'ReadBudgetExceeded',
      );
      spy.mockRestore();
    }
  });

  it('gives a long statement and one with many joins to the tolerant reader only', () => {
    const spy = spyOnParser();
    const columns = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(', ');
    const joins = Array.from(
      { length: 200 },
      (_, i) => `JOIN R.T${i + 1} ON R.T${i + 1}.a = R.T${i}.a`,
    ).join(' ');
    const long = astReader.read(`SELECT ${columns} FROM R.WIDE`);
    const joined = astReader.read(`SELECT * FROM R.T0 ${joins}`);
    expect(spy).not.toHaveBeenCalled();
    expect(used(long)).toEqual(['from R.WIDE']);
    expect(joined.references).toHaveLength(201);
  });

  it('parses no more of a file than its read budget, and the rest tolerantly', () => {
    const spy = spyOnParser();
    const file = 'SELECT a, b FROM R.T WHERE x = 1;\n'.repeat(100);
    const reader = new AstSqlLineageReader({ maxReadsPerFile: 50_000 });
    expect(reader.read(file)).toEqual(readSqlLineage(file));
    // Some statements are parsed, then one runs out of the file's reads; no more are tried.
    const results = spy.mock.results;
    expect(results.length).toBeGreaterThan(1);
    expect(results.length).toBeLessThan(100);
    expect(results.slice(0, -1).every(r => r.type === 'return')).toBe(true);
    expect((results[results.length - 1].value as Error).constructor.name).toBe(
      'ReadBudgetExceeded',
    );
    spy.mockClear();
    new AstSqlLineageReader({ maxReadsPerFile: 0 }).read(file);
    expect(spy).not.toHaveBeenCalled();
  });

  it('keeps a megabyte of unterminated or deeply nested input from the parser', () => {
    const SIZE = 1_000_000;
    const spy = spyOnParser();
    for (const sql of [
      `SELECT ${'('.repeat(SIZE)}`,
      `SELECT '${'x'.repeat(SIZE)}`,
      `SELECT * FROM ${'(SELECT * FROM '.repeat(SIZE / 15)}R.T`,
    ]) {
      expect(used(astReader.read(sql))).toEqual(used(readSqlLineage(sql)));
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('parses deep nesting within the length limit, or falls back, with the same answer', () => {
    for (const sql of [
      `SELECT * FROM ${'(SELECT * FROM '.repeat(1000)}R.T${')'.repeat(1000)}`,
      `SELECT ${'('.repeat(8000)}1${')'.repeat(8000)} FROM R.T`,
    ]) {
      const spy = spyOnParser();
      expect(used(astReader.read(sql))).toEqual(used(readSqlLineage(sql)));
      expect(spy).toHaveBeenCalledTimes(1);
      spy.mockRestore();
    }
  });

  it('parses a few of a megabyte of short statements, and the rest tolerantly', () => {
    const spy = spyOnParser();
    const count = 55_000;
    const sql = 'SELECT 1 FROM R.T;'.repeat(count);
    expect(used(astReader.read(sql))).toEqual(['from R.T']);
    expect(spy.mock.calls.length).toBeGreaterThan(0);
    expect(spy.mock.calls.length).toBeLessThan(count / 10);
  });
});
