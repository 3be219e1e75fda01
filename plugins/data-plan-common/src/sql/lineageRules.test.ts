import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { edit, samplePlan } from '../plan/__testUtils__';
import { applyWaivers } from '../plan/applyWaivers';
import { BUILT_IN_RULES } from '../plan/builtInRules';
import { objectKey } from '../plan/findingKeys';
import { identifierFromParts, ObjectIdentifier } from '../plan/identifiers';
import { parsePlan } from '../plan/parsePlan';
import { ParsedPlan, PlanObject } from '../plan/types';
import { AstSqlLineageReader } from './astSqlLineageReader';
import {
  SQL_LINEAGE_RULES,
  SQL_LINEAGE_RULE_SEVERITIES,
} from './lineageRuleIds';
import { checkSqlLineage } from './lineageRules';
import { SqlLineageReader, tolerantSqlLineageReader } from './sqlLineageReader';

type Sample = 'sales-orders' | 'customer-360' | 'inventory-forecast';

const EXAMPLES = join(__dirname, '../../../../examples/data-projects');

/** A sample's plan (edited or not) and its objects' SQL as the files hold it, by object key. */
function project(
  name: Sample,
  {
    plan: planText = samplePlan(name),
    sql = {} as Record<string, string>,
  } = {},
) {
  const plan = parsePlan(planText);
  const sqlByObject = new Map<string, { path: string; text: string }>();
  for (const object of plan.objects) {
    if (!object.file) continue;
    const path = object.file;
    const file = join(EXAMPLES, name, path);
    const text =
      sql[object.name] ??
      (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
    if (text !== undefined) sqlByObject.set(object.key!, { path, text });
  }
  return { plan, sqlByObject };
}

function check(
  reader: SqlLineageReader,
  sample: Sample,
  options: Parameters<typeof project>[1] = {},
) {
  const { plan, sqlByObject } = project(sample, options);
  return checkSqlLineage(plan, sqlByObject, reader);
}

const SALES = samplePlan('sales-orders');

describe.each([
  ['the tolerant reader', tolerantSqlLineageReader],
  ['the AST reader', new AstSqlLineageReader()],
])('checkSqlLineage with %s', (_name, reader) => {
  it('finds on the samples only the dependencies their SQL does not use', () => {
    expect(check(reader, 'sales-orders').findings).toEqual([
      {
        key: 'sql-unused-dependency:object:SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK:dependency:ORDERS_CLEAN',
        severity: 'info',
        rule: 'sql-unused-dependency',
        message:
          'SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK lists ORDERS_CLEAN in its Dependencies, but its SQL (src/transformation/tasks/refresh_orders_task.sql) does not use it',
        line: expect.any(Number),
      },
    ]);
    expect(check(reader, 'customer-360').findings).toEqual([]);
    // SALES_DAILY is planned nowhere, but the plan names it: that it goes unused is said.
    expect(check(reader, 'inventory-forecast').findings).toEqual([
      expect.objectContaining({
        rule: 'sql-unused-dependency',
        key: 'sql-unused-dependency:object:SCM_DB.TRANSFORM.WEEKLY_MOVEMENTS:dependency:SALES_DAILY',
      }),
    ]);
  });

  it('gives each object with SQL its lineage: what it creates and uses, and which planned objects', () => {
    const { lineage } = check(reader, 'sales-orders');
    expect(lineage.map(l => l.object)).toEqual([
      'SALES_DB.RAW.ORDERS_RAW',
      'SALES_DB.RAW.CUSTOMERS_RAW',
      'SALES_DB.TRANSFORM.ORDERS_CLEAN',
      'SALES_DB.TRANSFORM.ORDERS_ENRICHED',
      'SALES_DB.ANALYTICS.DAILY_SALES',
      'SALES_DB.RAW.LOAD_ORDERS',
      'SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK',
    ]);
    const enriched = lineage[3];
    expect(enriched).toMatchObject({
      key: 'object:SALES_DB.TRANSFORM.ORDERS_ENRICHED',
      path: 'src/transformation/views/orders_enriched.sql',
      understood: true,
      undeclared: [],
      unused: [],
    });
    expect(enriched.creates.map(c => `${c.kind} ${c.name.key}`)).toEqual([
      'view SALES_DB.TRANSFORM.ORDERS_ENRICHED',
    ]);
    expect(enriched.uses.map(u => [u.clause, u.planned, u.line])).toEqual([
      ['from', 'object:SALES_DB.TRANSFORM.ORDERS_CLEAN', 3],
      ['join', 'object:SALES_DB.RAW.CUSTOMERS_RAW', 4],
    ]);
    expect(lineage[6].unused).toEqual(['ORDERS_CLEAN']);
  });

  it('reports a planned object the SQL uses that the Dependencies do not list', () => {
    const result = check(reader, 'sales-orders', {
      plan: edit(
        SALES,
        '- Dependencies: ORDERS_CLEAN, CUSTOMERS_RAW',
        '- Dependencies: ORDERS_CLEAN',
      ),
    });
    const undeclared = result.findings.filter(
      f => f.rule === 'sql-undeclared-dependency',
    );
    expect(undeclared).toEqual([
      {
        key: 'sql-undeclared-dependency:object:SALES_DB.TRANSFORM.ORDERS_ENRICHED:uses:SALES_DB.RAW.CUSTOMERS_RAW',
        severity: 'warning',
        rule: 'sql-undeclared-dependency',
        message:
          'SALES_DB.TRANSFORM.ORDERS_ENRICHED uses SALES_DB.RAW.CUSTOMERS_RAW (join, src/transformation/views/orders_enriched.sql line 4), which its Dependencies do not list',
        line: expect.any(Number),
      },
    ]);
    expect(result.lineage[3].undeclared).toEqual([
      expect.objectContaining({
        clause: 'join',
        planned: 'object:SALES_DB.RAW.CUSTOMERS_RAW',
      }),
    ]);
  });

  it('never reads comments or string literals as uses', () => {
    const { findings } = check(reader, 'sales-orders', {
      sql: {
        'SALES_DB.TRANSFORM.ORDERS_CLEAN': `-- JOIN SALES_DB.RAW.CUSTOMERS_RAW
CREATE OR REPLACE TABLE SALES_DB.TRANSFORM.ORDERS_CLEAN AS
SELECT 'FROM SALES_DB.RAW.CUSTOMERS_RAW' AS note, /* JOIN SALES_DB.RAW.LOAD_ORDERS */ ORDER_ID
FROM SALES_DB.RAW.ORDERS_RAW
WHERE NOTE <> 'UPDATE SALES_DB.ANALYTICS.DAILY_SALES SET x = 1';`,
      },
    });
    expect(findings.map(f => f.rule)).toEqual(['sql-unused-dependency']);
  });

  it('says nothing about objects outside the plan that the SQL uses', () => {
    const { findings, lineage } = check(reader, 'sales-orders', {
      sql: {
        'SALES_DB.ANALYTICS.DAILY_SALES': `CREATE OR REPLACE VIEW SALES_DB.ANALYTICS.DAILY_SALES AS
SELECT * FROM SALES_DB.TRANSFORM.ORDERS_ENRICHED e JOIN REF_DB.PUBLIC.CALENDAR c ON c.day = e.day`,
      },
    });
    expect(findings.map(f => f.rule)).toEqual(['sql-unused-dependency']);
    expect(lineage[4].uses.map(u => [u.name.key, u.planned])).toEqual([
      [
        'SALES_DB.TRANSFORM.ORDERS_ENRICHED',
        'object:SALES_DB.TRANSFORM.ORDERS_ENRICHED',
      ],
      ['REF_DB.PUBLIC.CALENDAR', undefined],
    ]);
  });

  it('matches a planned short name with the SQL’s qualified one, both ways', () => {
    const { findings, lineage } = check(reader, 'sales-orders', {
      plan: edit(
        SALES,
        '- Object: SALES_DB.RAW.ORDERS_RAW',
        '- Object: ORDERS_RAW',
      ),
    });
    // ORDERS_CLEAN's SELECT … FROM SALES_DB.RAW.ORDERS_RAW is the planned ORDERS_RAW, and
    // its Dependency SALES_DB.RAW.ORDERS_RAW (planned nowhere now) is that use.
    expect(findings.map(f => f.rule)).toEqual(['sql-unused-dependency']);
    expect(lineage[2].uses[0].planned).toBe('object:ORDERS_RAW');
  });

  it('reports a file that creates another name or kind than its plan entry, or nothing', () => {
    const { findings } = check(reader, 'sales-orders', {
      sql: {
        'SALES_DB.RAW.ORDERS_RAW':
          'CREATE TABLE SALES_DB.RAW.ORDERS_RAW_V2 (ORDER_ID VARCHAR)',
        'SALES_DB.RAW.CUSTOMERS_RAW':
          'CREATE VIEW SALES_DB.RAW.CUSTOMERS_RAW AS SELECT 1 AS ONE',
        'SALES_DB.TRANSFORM.ORDERS_CLEAN':
          'INSERT INTO SALES_DB.TRANSFORM.ORDERS_CLEAN SELECT * FROM SALES_DB.RAW.ORDERS_RAW',
      },
    });
    expect(
      findings
        .filter(f => f.rule === 'sql-object-mismatch')
        .map(f => [f.key, f.severity, f.message]),
    ).toEqual([
      [
        'sql-object-mismatch:object:SALES_DB.RAW.ORDERS_RAW',
        'error',
        'src/raw/tables/orders_raw.sql creates table SALES_DB.RAW.ORDERS_RAW_V2 (line 1), not table SALES_DB.RAW.ORDERS_RAW as its plan entry says',
      ],
      [
        'sql-object-mismatch:object:SALES_DB.RAW.CUSTOMERS_RAW',
        'error',
        'src/raw/tables/customers_raw.sql creates SALES_DB.RAW.CUSTOMERS_RAW as a view (line 1), but its plan entry is a table',
      ],
      [
        'sql-object-mismatch:object:SALES_DB.TRANSFORM.ORDERS_CLEAN',
        'error',
        'src/transformation/tables/orders_clean.sql creates no object; its plan entry expects it to create table SALES_DB.TRANSFORM.ORDERS_CLEAN',
      ],
    ]);
  });

  it('reports SQL that reads against the layer order, with the plan’s layer rule', () => {
    const { findings } = check(reader, 'sales-orders', {
      sql: {
        'SALES_DB.RAW.CUSTOMERS_RAW': `CREATE OR REPLACE TABLE SALES_DB.RAW.CUSTOMERS_RAW AS
SELECT * FROM SALES_DB.ANALYTICS.DAILY_SALES`,
      },
    });
    const layer = findings.find(f => f.rule === 'sql-layer-direction');
    expect(layer).toEqual({
      key: 'sql-layer-direction:object:SALES_DB.RAW.CUSTOMERS_RAW:uses:SALES_DB.ANALYTICS.DAILY_SALES',
      severity: 'error',
      rule: 'sql-layer-direction',
      message:
        'SALES_DB.RAW.CUSTOMERS_RAW (raw) uses SALES_DB.ANALYTICS.DAILY_SALES (consumption) in its SQL (from, src/raw/tables/customers_raw.sql line 2): a layer may depend only on itself and the layers before it (raw → transformation → consumption)',
      line: expect.any(Number),
    });
    expect(findings.map(f => f.rule)).toContain('sql-undeclared-dependency');
  });

  it('reports SQL no reader understands as info, and never a dependency finding from it', () => {
    const { findings, lineage } = check(reader, 'sales-orders', {
      sql: {
        'SALES_DB.TRANSFORM.ORDERS_CLEAN': '-- to be written',
        'SALES_DB.RAW.LOAD_ORDERS': `CREATE OR REPLACE PROCEDURE SALES_DB.RAW.LOAD_ORDERS()
RETURNS VARCHAR LANGUAGE JAVASCRIPT AS
$$ snowflake.execute({ sqlText: 'COPY INTO SALES_DB.RAW.ORDERS_RAW FROM @S' }); $$;`,
      },
    });
    const about = (object: string) =>
      findings
        .filter(f => f.key.includes(`:object:${object}`))
        .map(f => f.rule);
    expect(about('SALES_DB.TRANSFORM.ORDERS_CLEAN')).toEqual([
      'sql-not-understood',
    ]);
    expect(about('SALES_DB.RAW.LOAD_ORDERS')).toEqual(['sql-not-understood']);
    expect(
      findings.find(
        f => f.key === 'sql-not-understood:object:SALES_DB.RAW.LOAD_ORDERS',
      ),
    ).toMatchObject({
      severity: 'info',
      message: expect.stringContaining('the JAVASCRIPT body is not read'),
    });
    expect(lineage[2]).toMatchObject({ understood: false, unused: [] });
    expect(lineage[5]).toMatchObject({ understood: false, unused: [] });
  });
});

describe('checkSqlLineage', () => {
  it('defines its rules once, built in, each with a default severity', () => {
    for (const rule of SQL_LINEAGE_RULES) {
      expect(BUILT_IN_RULES.has(rule)).toBe(true);
      expect(SQL_LINEAGE_RULE_SEVERITIES[rule]).toBeDefined();
    }
  });

  it('takes the policy’s severities, off included', () => {
    const { plan, sqlByObject } = project('sales-orders', {
      plan: edit(
        SALES,
        '- Dependencies: ORDERS_CLEAN, CUSTOMERS_RAW',
        '- Dependencies: ORDERS_CLEAN',
      ),
    });
    const { findings } = checkSqlLineage(
      plan,
      sqlByObject,
      tolerantSqlLineageReader,
      {
        severities: {
          'sql-unused-dependency': 'warning',
          'sql-undeclared-dependency': 'off',
        },
      },
    );
    expect(findings.map(f => [f.rule, f.severity])).toEqual([
      ['sql-unused-dependency', 'warning'],
    ]);
  });

  it('gives findings content keys that a waiver for the object matches', () => {
    const { findings } = check(tolerantSqlLineageReader, 'sales-orders');
    const [waived] = applyWaivers(
      findings,
      [
        {
          index: 0,
          rule: 'sql-unused-dependency',
          match: { object: 'sales_db.transform.refresh_orders_task' },
          reason: 'The task refreshes ORDERS_CLEAN through LOAD_ORDERS',
          approvedBy: 'group:default/data-leads',
          expires: '2099-01-01',
        },
      ],
      { today: '2025-06-01' },
    );
    expect(waived.waiver).toMatchObject({
      reason: 'The task refreshes ORDERS_CLEAN through LOAD_ORDERS',
    });
  });

  it('reports a reader that fails as SQL it did not understand', () => {
    const failing: SqlLineageReader = {
      read() {
        throw new Error('broken');
      },
    };
    const { findings } = check(failing, 'customer-360');
    expect(new Set(findings.map(f => f.rule))).toEqual(
      new Set(['sql-not-understood']),
    );
    expect(findings).toHaveLength(5);
  });

  it('checks only the objects that have SQL, keyed as parsePlan keys them', () => {
    const plan: Pick<ParsedPlan, 'objects' | 'layers'> = parsePlan(SALES);
    const key = objectKey({ name: 'SALES_DB.TRANSFORM.ORDERS_CLEAN' });
    const { lineage, findings } = checkSqlLineage(
      plan,
      new Map([
        [
          key,
          {
            path: 'orders_clean.sql',
            text: 'CREATE TABLE SALES_DB.TRANSFORM.ORDERS_CLEAN AS SELECT * FROM SALES_DB.RAW.ORDERS_RAW',
          },
        ],
      ]),
      tolerantSqlLineageReader,
    );
    expect(lineage.map(l => l.key)).toEqual([key]);
    expect(findings).toEqual([]);
  });
});

describe('checkSqlLineage on hostile input', () => {
  /** An identifier that counts how often its parts are looked at. */
  function counted(
    parts: string[],
    reads: { count: number },
  ): ObjectIdentifier {
    const identifier = identifierFromParts(parts);
    const result = {} as ObjectIdentifier;
    for (const field of ['key', 'name', 'depth', 'suffix'] as const) {
      Object.defineProperty(result, field, {
        enumerable: true,
        get() {
          reads.count++;
          return identifier[field];
        },
      });
    }
    return result;
  }

  it('looks at each use a bounded number of times, however many dependencies the object lists', () => {
    const count = 5_000;
    const object: PlanObject = {
      name: 'DB.T.WIDE',
      file: 'src/transformation/views/wide.sql',
      layer: 'transformation',
      kind: 'view',
      dependencies: Array.from({ length: count }, (_, i) => `EXT.S.D${i}`),
      phaseIndex: 0,
      stepIndex: 0,
      line: 1,
      key: 'object:DB.T.WIDE',
    };
    const reads = { count: 0 };
    const reader: SqlLineageReader = {
      read: () => ({
        creates: [
          {
            name: identifierFromParts(['DB', 'T', 'WIDE']),
            kind: 'view',
            line: 1,
            statement: 0,
          },
        ],
        references: Array.from({ length: count }, (_, i) => ({
          name: counted(['EXT', 'S', `U${i}`], reads),
          clause: 'from' as const,
          line: 1,
        })),
        unread: [],
        drops: [],
        clones: [],
        includes: [],
        statements: 1,
      }),
    };
    const { findings, lineage } = checkSqlLineage(
      { objects: [object], layers: [] },
      new Map([[object.key!, { path: object.file!, text: '' }]]),
      reader,
    );
    expect(lineage[0].uses).toHaveLength(count);
    expect(findings).toHaveLength(count);
    expect(new Set(findings.map(f => f.rule))).toEqual(
      new Set(['sql-unused-dependency']),
    );
    // Each dependency compared with each use would read them millions of times.
    expect(reads.count).toBeLessThan(50 * count);
  });
});
