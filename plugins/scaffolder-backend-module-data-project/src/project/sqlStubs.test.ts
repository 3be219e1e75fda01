import { evaluatePlan, parsePlan } from '@dataplan/plugin-data-plan-common';
import { placedObjects } from './sqlStubs';

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
