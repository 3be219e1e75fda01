import {
  evaluatePlan,
  parsePlan,
  readSqlLineage,
} from '@dataplan/plugin-data-plan-common';
import { objectDdl, placedObjects } from './sqlStubs';

const plan = (steps: string) =>
  parsePlan(
    `# IMPLEMENTATION PLAN\n\n## 3. IMPLEMENTATION STEPS\n### Phase 1: Build\n${steps}`,
  );

describe('placedObjects', () => {
  it('follows the deploy order, dependencies first, with their kinds', () => {
    const parsed = plan(
      [
        '#### Step 1.1: View',
        '- Object: DB.RAW.ORDERS_V',
        '- File: `src/raw/views/orders_v.sql`',
        '- Dependencies: DB.RAW.ORDERS',
        '#### Step 1.2: Table',
        '- Object: DB.RAW.ORDERS',
        '- File: `src/raw/tables/orders.sql`',
        '- Object: DB.RAW.UNPLACED',
        '',
      ].join('\n'),
    );
    expect(
      placedObjects(parsed, evaluatePlan(parsed)).map(o => [
        o.name,
        o.kind,
        o.dependencies,
      ]),
    ).toEqual([
      ['DB.RAW.ORDERS', 'table', []],
      ['DB.RAW.ORDERS_V', 'view', [{ name: 'DB.RAW.ORDERS', kind: 'table' }]],
    ]);
  });

  it('places each entry of the deploy order, even two objects of one name', () => {
    const parsed = plan(
      [
        '#### Step 1.1: Twice',
        '- Object: DB.RAW.ORDERS',
        '- File: `src/raw/tables/orders.sql`',
        '- Object: DB.RAW.ORDERS',
        '- File: `src/raw/views/orders.sql`',
        '',
      ].join('\n'),
    );
    expect(
      placedObjects(parsed, evaluatePlan(parsed)).map(o => o.file),
    ).toEqual(['src/raw/tables/orders.sql', 'src/raw/views/orders.sql']);
  });
});

describe('objectDdl', () => {
  const options = { warehouse: 'WH', schedule: '60 MINUTE' };
  const dependencies = [
    { name: 'DB.T.ORDERS_CLEAN', kind: 'table' as const },
    { name: 'DB.RAW.CUSTOMERS', kind: 'table' as const },
    { name: 'DB.RAW.STORES', kind: 'table' as const },
  ];

  it.each(['table', 'view'] as const)(
    'reads every dependency of a %s in its SQL, the later ones joined on FALSE until the TODO',
    kind => {
      const sql = objectDdl(
        {
          name: 'DB.C.DAILY',
          layer: 'consumption',
          kind,
          file: `src/consumption/${kind}s/daily.sql`,
          dependencies,
        },
        options,
      );
      expect(sql).toContain('LEFT JOIN DB.RAW.STORES d2 ON FALSE');
      const read = readSqlLineage(sql);
      expect(read.unread).toEqual([]);
      expect(read.creates.map(c => [c.kind, c.name.key])).toEqual([
        [kind, 'DB.C.DAILY'],
      ]);
      expect(read.references.map(r => r.name.key)).toEqual(
        dependencies.map(d => d.name),
      );
    },
  );
});
