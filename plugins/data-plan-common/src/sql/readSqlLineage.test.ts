import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSqlLineage, SqlLineage } from './readSqlLineage';

const EXAMPLES = join(__dirname, '../../../../examples/data-projects');

function example(path: string): string {
  return readFileSync(join(EXAMPLES, path), 'utf8');
}

function created(lineage: SqlLineage) {
  return lineage.creates.map(c => `${c.kind} ${c.name.key}`);
}

function used(lineage: SqlLineage) {
  return lineage.references.map(r => `${r.clause} ${r.name.key}`);
}

describe('readSqlLineage on the samples', () => {
  it('reads a CTAS table: what it creates and the table it selects from', () => {
    const lineage = readSqlLineage(
      example('sales-orders/src/transformation/tables/orders_clean.sql'),
    );
    expect(created(lineage)).toEqual(['table SALES_DB.TRANSFORM.ORDERS_CLEAN']);
    expect(used(lineage)).toEqual(['from SALES_DB.RAW.ORDERS_RAW']);
  });

  it('reads a view joining two tables', () => {
    const lineage = readSqlLineage(
      example('sales-orders/src/transformation/views/orders_enriched.sql'),
    );
    expect(created(lineage)).toEqual([
      'view SALES_DB.TRANSFORM.ORDERS_ENRICHED',
    ]);
    expect(used(lineage).sort()).toEqual([
      'from SALES_DB.TRANSFORM.ORDERS_CLEAN',
      'join SALES_DB.RAW.CUSTOMERS_RAW',
    ]);
  });

  it('reads a table with Snowflake column types and no references', () => {
    const lineage = readSqlLineage(
      example('sales-orders/src/raw/tables/orders_raw.sql'),
    );
    expect(created(lineage)).toEqual(['table SALES_DB.RAW.ORDERS_RAW']);
    expect(used(lineage)).toEqual([]);
  });

  it('reads a SQL procedure body: the tables it copies into, not its stage', () => {
    const lineage = readSqlLineage(
      example('sales-orders/src/raw/procedures/load_orders.sql'),
    );
    expect(created(lineage)).toEqual(['procedure SALES_DB.RAW.LOAD_ORDERS']);
    expect(used(lineage)).toEqual([
      'into SALES_DB.RAW.ORDERS_RAW',
      'into SALES_DB.RAW.CUSTOMERS_RAW',
    ]);
    expect(lineage.references[0].line).toBe(7);
  });

  it('reads a task calling a procedure', () => {
    const lineage = readSqlLineage(
      example('sales-orders/src/transformation/tasks/refresh_orders_task.sql'),
    );
    expect(created(lineage)).toEqual([
      'task SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK',
    ]);
    expect(used(lineage)).toEqual(['call SALES_DB.RAW.LOAD_ORDERS']);
  });

  it('reads a task whose body rebuilds a table: the table is one it writes', () => {
    const lineage = readSqlLineage(
      example('customer-360/src/transformation/tasks/nightly_profile_task.sql'),
    );
    expect(created(lineage)).toEqual([
      'task MKT_DB.TRANSFORM.NIGHTLY_PROFILE_TASK',
    ]);
    expect(used(lineage)).toEqual(['create MKT_DB.TRANSFORM.CUSTOMER_PROFILE']);
  });
});

describe('readSqlLineage on hand-written Snowflake DDL', () => {
  it('compares unquoted names upper-cased and quoted names exactly', () => {
    const lineage = readSqlLineage(
      'create view db.s.v as select * from db.s.orders o join "Db"."S"."Mixed" m on o.id = m.id join DB."S".ORDERS x on true',
    );
    expect(created(lineage)).toEqual(['view DB.S.V']);
    expect(used(lineage)).toEqual(['from DB.S.ORDERS', 'join Db.S.Mixed']);
  });

  it('never reads comments or string literals as references', () => {
    const lineage = readSqlLineage(`-- FROM COMMENTED_OUT
// JOIN ALSO_COMMENTED
/* SELECT * FROM BLOCK_COMMENT; */
CREATE VIEW V AS
SELECT 'FROM NOT_A_TABLE', 'it''s JOIN x' AS note, 'a \\' FROM y' AS e
FROM REAL_TABLE;`);
    expect(used(lineage)).toEqual(['from REAL_TABLE']);
  });

  it('reads MERGE targets and sources', () => {
    const lineage = readSqlLineage(`MERGE INTO T.CUSTOMERS AS t
USING (SELECT * FROM R.CUSTOMERS_RAW) AS s ON t.id = s.id
WHEN MATCHED THEN UPDATE SET t.name = s.name
WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name);
MERGE INTO T.ORDERS USING R.ORDERS_RAW r ON T.ORDERS.id = r.id
WHEN MATCHED THEN DELETE;`);
    expect(used(lineage)).toEqual([
      'into T.CUSTOMERS',
      'from R.CUSTOMERS_RAW',
      'into T.ORDERS',
      'using R.ORDERS_RAW',
    ]);
  });

  it("reads a task's predecessors and its body", () => {
    const lineage = readSqlLineage(`CREATE OR REPLACE TASK T.CHILD
  WAREHOUSE = WH
  AFTER T.PARENT_A, T.PARENT_B
AS
  INSERT INTO C.SUMMARY SELECT COUNT(*) FROM T.ORDERS;`);
    expect(created(lineage)).toEqual(['task T.CHILD']);
    expect(used(lineage)).toEqual([
      'after T.PARENT_A',
      'after T.PARENT_B',
      'into C.SUMMARY',
      'from T.ORDERS',
    ]);
  });

  it('reads no body in another language than SQL, and says so', () => {
    const lineage = readSqlLineage(`CREATE PROCEDURE P()
RETURNS STRING LANGUAGE JAVASCRIPT AS
$$ snowflake.execute({sqlText: "SELECT * FROM HIDDEN"}); $$;`);
    expect(created(lineage)).toEqual(['procedure P']);
    expect(used(lineage)).toEqual([]);
    expect(lineage.unread).toEqual([
      { line: 3, reason: 'the JAVASCRIPT body is not read' },
    ]);
  });

  it('leaves out common table expressions but keeps the tables they read', () => {
    const lineage = readSqlLineage(`CREATE VIEW V AS
WITH recent AS (SELECT * FROM S.ORDERS WHERE d > 1),
     totals (id, n) AS (SELECT id, 1 FROM recent),
     ranked AS (SELECT * FROM recent)
SELECT * FROM ranked, S.CUSTOMERS c`);
    expect(used(lineage)).toEqual(['from S.ORDERS', 'from S.CUSTOMERS']);
  });

  it('does not read FROM inside a function call, but reads a subquery there', () => {
    const lineage = readSqlLineage(`SELECT EXTRACT(YEAR FROM ordered_at),
  TRIM(BOTH ' ' FROM name), SUBSTRING(code FROM 2),
  COALESCE((SELECT MAX(x) FROM S.LIMITS), 0)
FROM S.ORDERS WHERE id IN (SELECT id FROM S.KEEP)`);
    expect(used(lineage)).toEqual([
      'from S.LIMITS',
      'from S.ORDERS',
      'from S.KEEP',
    ]);
  });

  it('skips table functions, stages and IDENTIFIER(), and reads CLONE', () => {
    const lineage = readSqlLineage(`CREATE TABLE B.ORDERS_BACKUP CLONE T.ORDERS;
SELECT * FROM TABLE(FLATTEN(input => x)) f, LATERAL FLATTEN(y);
SELECT * FROM IDENTIFIER('T.SOMETHING');
COPY INTO T.LOADED FROM @T.STAGE/path/ FILE_FORMAT = (TYPE = CSV);`);
    expect(created(lineage)).toEqual(['table B.ORDERS_BACKUP']);
    expect(used(lineage)).toEqual(['clone T.ORDERS', 'into T.LOADED']);
  });

  it('reads modifiers and IF NOT EXISTS in the created kind', () => {
    const lineage =
      readSqlLineage(`CREATE OR REPLACE SECURE MATERIALIZED VIEW IF NOT EXISTS A.B.MV AS SELECT 1 FROM A.B.T;
CREATE TRANSIENT TABLE IF NOT EXISTS A.B.TT (ts TIMESTAMP_LTZ);
CREATE FILE FORMAT A.B.CSV TYPE = CSV;`);
    expect(created(lineage)).toEqual([
      'view A.B.MV',
      'table A.B.TT',
      'file format A.B.CSV',
    ]);
  });

  it('gives an answer for any text, unterminated or not SQL at all', () => {
    for (const text of [
      '',
      'SELECT * FROM "unterminated',
      "SELECT 'unterminated FROM X",
      '/* unterminated FROM X',
      'CREATE PROCEDURE P() AS $$ SELECT * FROM X',
      'FROM',
      'CREATE',
      'CREATE OR REPLACE',
      '((((((((',
      '))))) FROM A.B.C.D.E',
      '# not sql at all',
    ]) {
      expect(() => readSqlLineage(text)).not.toThrow();
    }
    expect(used(readSqlLineage('SELECT * FROM "unterminated'))).toEqual([
      'from unterminated',
    ]);
    expect(used(readSqlLineage('SELECT 1 FROM A.B.C.D'))).toEqual([]);
  });

  it('counts lines through comments, literals and bodies', () => {
    const lineage = readSqlLineage(
      '/* one\ntwo */ SELECT \'a\nb\'\n, "x\ny" FROM\n\nT',
    );
    expect(lineage.references).toEqual([expect.objectContaining({ line: 7 })]);
  });
});

describe('readSqlLineage on deploy and rollback scripts', () => {
  it('reads drops with their kinds, whatever stands between DROP and the name', () => {
    const lineage = readSqlLineage(
      'DROP TABLE IF EXISTS A.B.T;\ndrop materialized view v cascade;\nDROP PROCEDURE P(VARCHAR);\nDROP FILE FORMAT F;',
    );
    expect(
      lineage.drops.map(
        d => `${d.kind} ${d.name.key} ${d.line} ${d.statement}`,
      ),
    ).toEqual([
      'table A.B.T 1 0',
      'view V 2 1',
      'procedure P 3 2',
      'file format F 4 3',
    ]);
    expect(lineage.creates).toEqual([]);
  });

  it('reads the clones of CREATE … CLONE, both ways round', () => {
    const lineage = readSqlLineage(
      'CREATE OR REPLACE TABLE T_BACKUP CLONE T;\nCREATE TABLE IF NOT EXISTS T CLONE T_BACKUP AT (OFFSET => -60);\nSELECT * FROM X CLONE Y;',
    );
    expect(
      lineage.clones.map(
        c => `${c.name.key} <- ${c.source.key} ${c.statement}`,
      ),
    ).toEqual(['T_BACKUP <- T 0', 'T <- T_BACKUP 1']);
    expect(lineage.creates.map(c => c.statement)).toEqual([0, 1]);
  });

  it('reads !source and !load lines as includes, in order with the statements', () => {
    const lineage = readSqlLineage(
      [
        '-- !source commented.sql',
        '!source src/raw/tables/a.sql',
        'CREATE TABLE B (ID INT);',
        "  !load 'quoted path.sql';",
        '!set variable_substitution=true',
        "SELECT '",
        "!source inside_a_literal.sql';",
        'SELECT 1 WHERE 1\n!= 2;',
        '!SOURCE "last.sql"\r',
      ].join('\n'),
    );
    expect(lineage.includes).toEqual([
      { path: 'src/raw/tables/a.sql', line: 2, statement: 0 },
      { path: 'quoted path.sql', line: 4, statement: 2 },
      { path: 'last.sql', line: 10, statement: 6 },
    ]);
    expect(lineage.creates).toEqual([
      expect.objectContaining({ line: 3, statement: 1 }),
    ]);
    expect(lineage.statements).toBe(7);
  });

  it('leaves out what a body drops or includes, and what a task creates', () => {
    const lineage = readSqlLineage(
      'CREATE PROCEDURE P() RETURNS INT LANGUAGE SQL AS $$\nBEGIN\n!source x.sql\nDROP TABLE T;\nEND;\n$$;\nCREATE TASK K AS CREATE TABLE Z CLONE Y;',
    );
    expect(lineage.drops).toEqual([]);
    expect(lineage.includes).toEqual([]);
    expect(lineage.clones).toEqual([]);
    expect(created(lineage)).toEqual(['procedure P', 'task K']);
  });
});

describe('readSqlLineage on hostile SQL', () => {
  // A reader that went back over what it had read would take minutes at 1 MB, past the
  // test's timeout; a linear one reads each in well under a second.
  const SIZE = 1_000_000;
  const repeat = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length));
  it.each([
    ['a run of (', repeat('(')],
    ['a run of FROM', repeat('FROM ')],
    ['a FROM list', `SELECT * FROM ${repeat('A x, ')}B`],
    ['common table expressions', `WITH ${repeat('a AS (SELECT 1), ')}`],
    ['bodies in one statement', repeat('LANGUAGE SQL $$ FROM T $$ ')],
    ['unterminated bodies', repeat('$$')],
    ['quotes', repeat(`"'`)],
    ['doubled quotes', `"${repeat('""')}`],
    ['dots', `FROM ${repeat('A.')}`],
    ['CREATE headers', repeat('CREATE OR REPLACE ')],
    ['commands after blanks', repeat('\n  \t !source a ')],
    ['bangs after blanks', repeat('  !a')],
    ['drops', repeat('DROP TABLE IF EXISTS T;')],
    ['clones', repeat('CREATE TABLE A CLONE B;')],
  ])('%s', (_name, sql) => {
    const lineage = readSqlLineage(sql);
    expect(lineage.references.length).toBeLessThanOrEqual(SIZE);
  });
});
