import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import git from 'isomorphic-git';
import fs, { existsSync, readFileSync } from 'node:fs';
import { createPublishLocalAction, TASK_MARKER } from './publishLocal';

const descriptor = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: sales-orders
  title: Sales Orders
spec:
  type: data-project
  owner: group:default/sales-analytics
`;

describe('dataplan:publish:local', () => {
  const workspace = createMockDirectory();
  const root = createMockDirectory();
  const config = new ConfigReader({
    dataPlan: { rootDir: root.path, workspaceDir: 'published' },
  });
  const target = () => root.resolve('published/sales-orders');
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'sales-orders' },
  };

  beforeEach(() => {
    root.clear();
    workspace.setContent({
      'catalog-info.yaml': descriptor,
      'PLAN.md': '# IMPLEMENTATION PLAN\n',
      'src/raw/tables/orders_raw.sql':
        'CREATE OR REPLACE TABLE ORDERS_RAW (ID INT);\n',
      '.gitignore': 'node_modules/\n',
    });
  });

  function setup(
    getEntityByRef = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue(entity),
  ) {
    const catalog = catalogServiceMock.mock({ getEntityByRef });
    const action = createPublishLocalAction({
      config,
      catalog,
      pollIntervalMs: 5,
    });
    const ctx = createMockActionContext({
      input: { name: 'sales-orders' },
      workspacePath: workspace.path,
      task: { id: 'task-1' },
    });
    return { action, ctx, getEntityByRef };
  }

  it('publishes the workspace as a git repository of one commit and waits for the catalog', async () => {
    const { action, ctx, getEntityByRef } = setup();
    await action.handler(ctx);

    expect(readFileSync(`${target()}/PLAN.md`, 'utf8')).toBe(
      '# IMPLEMENTATION PLAN\n',
    );
    expect(readFileSync(`${target()}/${TASK_MARKER}`, 'utf8')).toBe('task-1');
    const commits = await git.log({ fs, dir: target() });
    expect(commits).toHaveLength(1);
    expect(commits[0].commit.message).toBe(
      'Create Sales Orders from the data-project template\n',
    );
    const files = await git.listFiles({ fs, dir: target() });
    expect(files.sort()).toEqual([
      '.gitignore',
      'PLAN.md',
      'catalog-info.yaml',
      'src/raw/tables/orders_raw.sql',
    ]);
    expect(readFileSync(`${target()}/.gitignore`, 'utf8')).toBe(
      `node_modules/\n${TASK_MARKER}\n`,
    );

    expect(getEntityByRef).toHaveBeenCalledTimes(2);
    expect(getEntityByRef).toHaveBeenCalledWith(
      'component:default/sales-orders',
      {
        credentials: await ctx.getInitiatorCredentials(),
      },
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/sales-orders',
    );
    expect(ctx.output).toHaveBeenCalledWith('path', target());
    expect(ctx.output).toHaveBeenCalledWith('commitSha', commits[0].oid);
  });

  it('completes a re-run of the same task instead of failing, with the same commit', async () => {
    const { action, ctx } = setup(jest.fn().mockResolvedValue(entity));
    const stored = new Map<string, unknown>();
    const rerun = {
      ...ctx,
      checkpoint: async ({
        key,
        fn,
      }: {
        key: string;
        fn: () => Promise<unknown>;
      }) => {
        if (!stored.has(key)) stored.set(key, await fn());
        return stored.get(key);
      },
    } as typeof ctx;
    await action.handler(rerun);
    await action.handler(rerun);
    expect(await git.log({ fs, dir: target() })).toHaveLength(1);
  });

  it('refuses to overwrite a different existing project', async () => {
    root.setContent({
      'published/sales-orders/README.md': 'somebody else’s project',
    });
    const { action, ctx } = setup();
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^name: .*published\/sales-orders already holds another project/,
      ),
    });
    expect(
      readFileSync(root.resolve('published/sales-orders/README.md'), 'utf8'),
    ).toBe('somebody else’s project');
  });

  it('lets only one of two tasks that publish the same name at once write', async () => {
    const { action, ctx } = setup(jest.fn().mockResolvedValue(entity));
    const results = await Promise.allSettled([
      action.handler({ ...ctx, task: { id: 'task-a' } }),
      action.handler({ ...ctx, task: { id: 'task-b' } }),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const rejected = results.find(
      r => r.status === 'rejected',
    ) as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^name: /),
    });
    const winner = results[0].status === 'fulfilled' ? 'task-a' : 'task-b';
    expect(readFileSync(`${target()}/${TASK_MARKER}`, 'utf8')).toBe(winner);
  });

  it('writes nothing on a dry run', async () => {
    const { action, ctx, getEntityByRef } = setup();
    await action.handler({ ...ctx, isDryRun: true });
    expect(existsSync(target())).toBe(false);
    expect(getEntityByRef).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/sales-orders',
    );
  });

  it('fails with a clear error when the catalog never lists the project', async () => {
    const { action, ctx } = setup(jest.fn().mockResolvedValue(undefined));
    await expect(
      action.handler({
        ...ctx,
        input: { name: 'sales-orders', waitSeconds: 0.05 },
      }),
    ).rejects.toThrow(
      /The catalog has not listed component:default\/sales-orders within 0.05s; is @dataplan\/plugin-catalog-backend-module-data-project installed/,
    );
  });

  it('publishes without waiting when waitSeconds is 0', async () => {
    const { action, ctx, getEntityByRef } = setup(
      jest.fn().mockResolvedValue(undefined),
    );
    await action.handler({
      ...ctx,
      input: { name: 'sales-orders', waitSeconds: 0 },
    });
    expect(getEntityByRef).not.toHaveBeenCalled();
    expect(existsSync(`${target()}/PLAN.md`)).toBe(true);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/sales-orders',
    );
  });

  it('says when catalog-info.yaml is not valid YAML', async () => {
    workspace.setContent({ 'catalog-info.yaml': 'kind: [unclosed' });
    const { action, ctx } = setup();
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^catalog-info\.yaml is not valid YAML/),
    });
  });

  it.each([
    [
      { name: '../escape' },
      /^name: '\.\.\/escape' is not a valid project folder name/,
    ],
    [
      { name: 'Sales Orders' },
      /^name: 'Sales Orders' is not a valid project folder name/,
    ],
    [
      { name: 'ok', sourcePath: '/etc' },
      /^targetPath: '\/etc' points outside the workspace/,
    ],
    [
      { name: 'ok', waitSeconds: 9999 },
      /^waitSeconds: 9999 is not between 0 and 600/,
    ],
  ])(
    'rejects %j with an InputError naming the field',
    async (input, message) => {
      const { action, ctx } = setup();
      await expect(action.handler({ ...ctx, input })).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
      expect(existsSync(root.resolve('published'))).toBe(false);
    },
  );
});
