import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { existsSync } from 'node:fs';
import { createLayoutAction } from './createLayout';

describe('dataplan:layout:create', () => {
  const workspace = createMockDirectory();
  const action = createLayoutAction();

  beforeEach(() => workspace.clear());

  function context(input: JsonObject) {
    return createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
  }

  it('creates the default layers with object folders, tests, deploy and backups', async () => {
    const ctx = context({});
    await action.handler(ctx);

    for (const dir of [
      'src/raw/tables',
      'src/transformation/views',
      'src/consumption/procedures',
      'tests/unit/raw',
      'tests/integration',
      'tests/validation',
      'deploy',
      'backups',
    ]) {
      expect(existsSync(workspace.resolve(dir, '.gitkeep'))).toBe(true);
    }
    expect(ctx.output).toHaveBeenCalledWith(
      'directories',
      expect.arrayContaining(['src/raw/tasks', 'tests/unit/consumption']),
    );
    const [[, directories]] = (ctx.output as jest.Mock).mock.calls;
    expect(directories).toHaveLength(19);
  });

  it('creates the layout below targetPath with the given layers', async () => {
    await action.handler(
      context({ layers: ['bronze', 'gold'], targetPath: 'project' }),
    );

    expect(existsSync(workspace.resolve('project/src/gold/tasks'))).toBe(true);
    expect(existsSync(workspace.resolve('project/src/raw'))).toBe(false);
    expect(existsSync(workspace.resolve('src'))).toBe(false);
  });

  it('completes a re-run without touching files already there', async () => {
    workspace.setContent({
      'src/raw/tables/orders.sql': 'CREATE TABLE ORDERS (ID INT);',
      'deploy/.gitkeep': 'kept',
    });

    await action.handler(context({}));
    await action.handler(context({}));

    expect(workspace.content({ shouldReadAsText: true })).toMatchObject({
      src: {
        raw: { tables: { 'orders.sql': 'CREATE TABLE ORDERS (ID INT);' } },
      },
      deploy: { '.gitkeep': 'kept' },
    });
  });

  it.each([
    [{ layers: [] }, /^layers: name at least one layer/],
    [
      { layers: ['raw', 'Raw'] },
      /^layers\[1\]: 'Raw' is not a valid layer name/,
    ],
    [{ layers: ['raw', '../etc'] }, /^layers\[1\]: '\.\.\/etc' is not a valid/],
    [
      { layers: ['raw', 'raw'] },
      /^layers\[1\]: 'raw' is listed more than once/,
    ],
    [
      { targetPath: '../outside' },
      /^targetPath: '\.\.\/outside' points outside/,
    ],
    [{ targetPath: '/tmp/abs' }, /^targetPath: '\/tmp\/abs' points outside/],
  ])(
    'rejects %j with an InputError naming the field',
    async (input, message) => {
      await expect(action.handler(context(input))).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
      expect(workspace.content()).toEqual({});
    },
  );
});
