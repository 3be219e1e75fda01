import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readFileSync, writeFileSync } from 'node:fs';
import { parsePlan } from '@dataplan/plugin-data-plan-common';
import yaml from 'yaml';
import { createGenerateObjectsAction } from './generateObjects';
import { createWritePlanAction } from './writePlan';
import { examples as planExamples } from './writePlan.examples';

describe('dataplan:objects:generate', () => {
  const workspace = createMockDirectory();
  const action = createGenerateObjectsAction();
  const read = (path: string) => readFileSync(workspace.resolve(path), 'utf8');

  beforeEach(async () => {
    workspace.clear();
    const planInput = yaml.parse(planExamples[0].example).steps[0].input;
    await createWritePlanAction().handler(
      createMockActionContext({
        input: planInput,
        workspacePath: workspace.path,
      }),
    );
  });

  function context(input: Record<string, string> = {}) {
    return createMockActionContext({ input, workspacePath: workspace.path });
  }

  it('writes a DDL stub and a unit test per object, and the deploy scripts', async () => {
    const ctx = context({ warehouse: 'TRANSFORM_XS', schedule: '15 MINUTE' });
    await action.handler(ctx);

    expect(read('src/raw/tables/orders_raw.sql')).toMatch(
      /^CREATE OR REPLACE TABLE SALES_DB\.RAW\.ORDERS_RAW \($/m,
    );
    expect(read('src/transformation/tables/orders_clean.sql')).toMatch(
      /CREATE OR REPLACE TABLE SALES_DB\.TRANSFORMATION\.ORDERS_CLEAN AS\nSELECT \*\nFROM SALES_DB\.RAW\.ORDERS_RAW;/,
    );
    expect(read('src/consumption/views/daily_sales.sql')).toMatch(
      /CREATE OR REPLACE VIEW SALES_DB\.CONSUMPTION\.DAILY_SALES AS\nSELECT \*\nFROM SALES_DB\.TRANSFORMATION\.ORDERS_CLEAN;/,
    );
    expect(read('src/transformation/tasks/refresh_orders.sql')).toMatch(
      /CREATE OR REPLACE TASK SALES_DB\.TRANSFORMATION\.REFRESH_ORDERS\n {4}WAREHOUSE = TRANSFORM_XS\n {4}SCHEDULE = '15 MINUTE'\nAS\n {4}SELECT COUNT\(\*\) FROM SALES_DB\.TRANSFORMATION\.ORDERS_CLEAN;/,
    );
    expect(read('tests/unit/consumption/daily_sales.sql')).toMatch(
      /SELECT COUNT\(\*\) AS ROW_COUNT FROM SALES_DB\.CONSUMPTION\.DAILY_SALES;/,
    );
    expect(read('tests/unit/transformation/refresh_orders.sql')).toMatch(
      /SHOW TASKS LIKE 'REFRESH_ORDERS' IN SCHEMA SALES_DB\.TRANSFORMATION;/,
    );

    const deploy = read('deploy/deploy.sql')
      .split('\n')
      .filter(l => l.startsWith('!source'));
    expect(deploy).toEqual([
      '!source src/raw/tables/orders_raw.sql',
      '!source src/transformation/tables/orders_clean.sql',
      '!source src/consumption/views/daily_sales.sql',
      '!source src/transformation/tasks/refresh_orders.sql',
    ]);
    expect(read('deploy/deploy.sql')).toMatch(
      /ALTER TASK SALES_DB\.TRANSFORMATION\.REFRESH_ORDERS RESUME;/,
    );
    const rollback = read('deploy/rollback.sql');
    expect(rollback.indexOf('DROP TASK IF EXISTS')).toBeLessThan(
      rollback.indexOf('DROP VIEW IF EXISTS'),
    );
    expect(rollback.indexOf('DROP VIEW IF EXISTS')).toBeLessThan(
      rollback.indexOf('DROP TABLE IF EXISTS SALES_DB.RAW.ORDERS_RAW'),
    );
    expect(rollback).toContain(
      'CREATE TABLE IF NOT EXISTS SALES_DB.RAW.ORDERS_RAW CLONE SALES_DB.RAW.ORDERS_RAW_BACKUP;',
    );
    expect(read('deploy/backup.sql')).toContain(
      'CREATE OR REPLACE TABLE SALES_DB.RAW.ORDERS_RAW_BACKUP CLONE SALES_DB.RAW.ORDERS_RAW;',
    );
    expect(read('deploy/validate.sql')).toContain(
      "SHOW VIEWS LIKE 'DAILY_SALES' IN SCHEMA SALES_DB.CONSUMPTION;",
    );

    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining([
        'deploy/deploy.sql',
        'tests/unit/raw/orders_raw.sql',
      ]),
    );
    expect(ctx.output).toHaveBeenCalledWith('kept', []);
    const location = parsePlan(read('PLAN.md')).rollback.backupLocation;
    expect(location).toMatch(/^backups\/\d{4}-\d{2}-\d{2}\/[\d.]+\/$/);
    expect(read(`${location}.gitkeep`)).toBe('');
  });

  it('completes a re-run without duplicating, and never clobbers an edited file', async () => {
    await action.handler(context());
    writeFileSync(
      workspace.resolve('src/raw/tables/orders_raw.sql'),
      '-- edited by hand\n',
    );
    const ctx = context();
    await action.handler(ctx);

    expect(read('src/raw/tables/orders_raw.sql')).toBe('-- edited by hand\n');
    expect(read('deploy/deploy.sql').match(/orders_raw\.sql/g)).toHaveLength(1);
    expect(ctx.output).toHaveBeenCalledWith('kept', [
      'src/raw/tables/orders_raw.sql',
    ]);
  });

  it.each([
    [
      { warehouse: 'my warehouse' },
      /^warehouse: 'my warehouse' is not a valid Snowflake identifier/,
    ],
    [{ schedule: 'hourly' }, /^schedule: 'hourly' is neither/],
    [
      { planPath: '../PLAN.md' },
      /^planPath: '\.\.\/PLAN\.md' points outside the project folder/,
    ],
    [
      { planPath: 'docs/PLAN.md' },
      /^planPath: docs\/PLAN\.md does not exist in the workspace/,
    ],
    [
      { targetPath: '/etc' },
      /^targetPath: '\/etc' points outside the workspace/,
    ],
  ])(
    'rejects %j with an InputError naming the field',
    async (input, message) => {
      await expect(action.handler(context(input))).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
    },
  );

  it('refuses a plan with errors and says which', async () => {
    writeFileSync(
      workspace.resolve('PLAN.md'),
      read('PLAN.md').replace('`DRAFT`', '`UNKNOWN`'),
    );
    await expect(action.handler(context())).rejects.toThrow(
      /PLAN\.md has errors:\n {2}PLAN\.md:\d+ unknown-status/,
    );
  });
});
