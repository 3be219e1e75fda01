import { createMockDirectory } from '@backstage/backend-test-utils';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GitPlanHistoryReader } from './GitPlanHistoryReader';

/** 2024-01-01T00:00:00Z, the first test commit's time; each next one is an hour later. */
const START = Date.UTC(2024, 0, 1) / 1000;

describe('GitPlanHistoryReader', () => {
  const root = createMockDirectory();
  const outside = createMockDirectory();
  const planRoot = () => root.resolve('workspace');

  beforeEach(() => {
    root.clear();
    outside.clear();
  });

  function reader(
    options: { maxPlanBytes?: number; maxCommits?: number } = {},
  ) {
    return GitPlanHistoryReader.create({
      planRoots: [planRoot()],
      maxPlanBytes: options.maxPlanBytes ?? 1024,
      maxCommits: options.maxCommits,
    });
  }

  function source(location: string) {
    return { type: 'file' as const, location, path: 'PLAN.md' };
  }

  /** A repository in `dir` built by `commits`: each writes (text) or deletes (null) files. */
  async function repository(
    dir: string,
    commits: Array<Record<string, string | null>>,
  ): Promise<string[]> {
    await mkdir(dir, { recursive: true });
    await git.init({ fs, dir, defaultBranch: 'main' });
    const shas = [];
    for (const [index, files] of commits.entries()) {
      for (const [path, text] of Object.entries(files)) {
        if (text === null) {
          await rm(join(dir, path));
          await git.remove({ fs, dir, filepath: path });
        } else {
          await mkdir(dirname(join(dir, path)), { recursive: true });
          await writeFile(join(dir, path), text);
          await git.add({ fs, dir, filepath: path });
        }
      }
      const who = {
        name: 'dataplan',
        email: 'dev@dataplan.local',
        timestamp: START + index * 3600,
        timezoneOffset: -120,
      };
      shas.push(
        await git.commit({
          fs,
          dir,
          message: `commit ${index}`,
          author: who,
          committer: who,
        }),
      );
    }
    return shas;
  }

  const at = (index: number) =>
    new Date((START + index * 3600) * 1000).toISOString();

  it('gives the versions of the commits that changed the plan, newest first', async () => {
    const dir = join(planRoot(), 'orders');
    const shas = await repository(dir, [
      { 'PLAN.md': '# v1\n', 'src/a.sql': 'select 1' },
      { 'src/a.sql': 'select 2' },
      { 'PLAN.md': '# v2\n' },
      { 'README.md': 'readme' },
      { 'PLAN.md': '# v3\n', 'src/a.sql': 'select 3' },
    ]);

    const result = await reader().read(source(join(dir, 'PLAN.md')), {
      limit: 10,
    });

    expect(result).toEqual({
      versions: [
        {
          commit: shas[4],
          committedAt: at(4),
          author: 'dataplan',
          text: '# v3\n',
        },
        {
          commit: shas[2],
          committedAt: at(2),
          author: 'dataplan',
          text: '# v2\n',
        },
        {
          commit: shas[0],
          committedAt: at(0),
          author: 'dataplan',
          text: '# v1\n',
        },
      ],
      skipped: [],
      complete: true,
    });
  });

  it('stops at the limit, counting only commits that changed the plan', async () => {
    const dir = join(planRoot(), 'orders');
    const shas = await repository(dir, [
      { 'PLAN.md': '# v1\n' },
      { 'PLAN.md': '# v2\n' },
      { 'other.md': 'x' },
      { 'PLAN.md': '# v3\n' },
    ]);

    const result = await reader().read(source(join(dir, 'PLAN.md')), {
      limit: 2,
    });

    expect(result).toEqual({
      versions: [
        {
          commit: shas[3],
          committedAt: at(3),
          author: 'dataplan',
          text: '# v3\n',
        },
        {
          commit: shas[1],
          committedAt: at(1),
          author: 'dataplan',
          text: '# v2\n',
        },
      ],
      skipped: [],
      complete: false,
    });
  });

  it('stops after maxCommits commits, changed or not', async () => {
    const dir = join(planRoot(), 'orders');
    const shas = await repository(dir, [
      { 'PLAN.md': '# v1\n' },
      { 'a.md': 'a' },
      { 'b.md': 'b' },
      { 'PLAN.md': '# v2\n' },
    ]);

    const result = await reader({ maxCommits: 3 }).read(
      source(join(dir, 'PLAN.md')),
      { limit: 10 },
    );

    expect(result).toEqual({
      versions: [
        {
          commit: shas[3],
          committedAt: at(3),
          author: 'dataplan',
          text: '# v2\n',
        },
      ],
      skipped: [],
      complete: false,
    });
  });

  it('reads a plan in a subfolder of the repository', async () => {
    const dir = join(planRoot(), 'mono');
    const shas = await repository(dir, [
      { 'projects/orders/PLAN.md': '# orders v1\n', 'PLAN.md': '# root\n' },
      { 'PLAN.md': '# root v2\n' },
      { 'projects/orders/PLAN.md': '# orders v2\n' },
    ]);

    const result = await reader().read(
      source(join(dir, 'projects', 'orders', 'PLAN.md')),
      { limit: 10 },
    );

    expect(result).toMatchObject({
      versions: [
        { commit: shas[2], text: '# orders v2\n' },
        { commit: shas[0], text: '# orders v1\n' },
      ],
      complete: true,
    });
  });

  it('names deleted plans and contents that are no plan among the skipped commits', async () => {
    const dir = join(planRoot(), 'orders');
    const shas = await repository(dir, [
      { 'PLAN.md': '# v1\n' },
      { 'PLAN.md': null },
      { 'PLAN.md': '' },
      { 'PLAN.md': 'x'.repeat(2000) },
      { 'PLAN.md': '# v2\n' },
    ]);

    const result = await reader().read(source(join(dir, 'PLAN.md')), {
      limit: 10,
    });

    expect(result).toEqual({
      versions: [
        {
          commit: shas[4],
          committedAt: at(4),
          author: 'dataplan',
          text: '# v2\n',
        },
        {
          commit: shas[0],
          committedAt: at(0),
          author: 'dataplan',
          text: '# v1\n',
        },
      ],
      skipped: [
        {
          commit: shas[3],
          committedAt: at(3),
          reason: 'PLAN.md is larger than the 1024-byte limit for a plan',
        },
        { commit: shas[2], committedAt: at(2), reason: 'PLAN.md is empty' },
        { commit: shas[1], committedAt: at(1), reason: 'PLAN.md was deleted' },
      ],
      complete: true,
    });
  });

  it('says a folder that is in no repository is unsupported', async () => {
    root.addContent({ 'workspace/plain/PLAN.md': '# plan\n' });

    await expect(
      reader().read(source(`${planRoot()}/plain/PLAN.md`), { limit: 10 }),
    ).resolves.toEqual({
      unsupported: expect.stringMatching(/not in a git repository/),
    });
  });

  it('does not look for the repository above the plan root', async () => {
    // The whole directory is one repository; the plan root is a folder inside it.
    await repository(root.path, [{ 'workspace/orders/PLAN.md': '# v1\n' }]);

    await expect(
      reader().read(source(`${planRoot()}/orders/PLAN.md`), { limit: 10 }),
    ).resolves.toEqual({
      unsupported: expect.stringMatching(/not in a git repository inside/),
    });
  });

  it('says a repository without commits is unsupported', async () => {
    const dir = join(planRoot(), 'fresh');
    await mkdir(dir, { recursive: true });
    await git.init({ fs, dir });

    await expect(
      reader().read(source(join(dir, 'PLAN.md')), { limit: 10 }),
    ).resolves.toEqual({ unsupported: "the plan's repository has no commits" });
  });

  it('does not follow a .git file to a git folder elsewhere', async () => {
    await repository(outside.resolve('real'), [{ 'PLAN.md': '# v1\n' }]);
    root.addContent({
      'workspace/linked/.git': `gitdir: ${outside.resolve('real/.git')}\n`,
    });

    await expect(
      reader().read(source(`${planRoot()}/linked/PLAN.md`), { limit: 10 }),
    ).resolves.toEqual({
      unsupported: expect.stringMatching(/linked worktree or a submodule/),
    });
  });

  it('reads nothing outside the git folder, even through a link inside it', async () => {
    const dir = join(planRoot(), 'orders');
    await repository(dir, [{ 'PLAN.md': '# v1\n' }]);
    await mkdir(outside.path, { recursive: true });
    await rename(join(dir, '.git', 'objects'), outside.resolve('objects'));
    await symlink(outside.resolve('objects'), join(dir, '.git', 'objects'));

    await expect(
      reader().read(source(join(dir, 'PLAN.md')), { limit: 10 }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^The history of PLAN.md cannot be read from its repository/,
      ),
    });
  });

  it('refuses a plan outside the plan roots', async () => {
    await repository(outside.resolve('orders'), [{ 'PLAN.md': '# v1\n' }]);

    await expect(
      reader().read(source(outside.resolve('orders/PLAN.md')), { limit: 10 }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('refuses a plan whose folder leads out of the plan roots through a link', async () => {
    await repository(outside.resolve('orders'), [{ 'PLAN.md': '# v1\n' }]);
    await mkdir(planRoot(), { recursive: true });
    await symlink(outside.resolve('orders'), join(planRoot(), 'orders'));

    await expect(
      reader().read(source(join(planRoot(), 'orders', 'PLAN.md')), {
        limit: 10,
      }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('says a URL source is unsupported', async () => {
    await expect(
      reader().read(
        {
          type: 'url',
          location: 'https://github.com/o/r/blob/main/PLAN.md',
          path: 'PLAN.md',
        },
        { limit: 10 },
      ),
    ).resolves.toEqual({ unsupported: expect.any(String) });
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(
      reader().read(source(join(planRoot(), 'PLAN.md')), { limit: 0 }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'limit: must be a positive integer',
    });
  });

  it('stops when its signal aborts', async () => {
    const dir = join(planRoot(), 'orders');
    await repository(dir, [{ 'PLAN.md': '# v1\n' }, { 'PLAN.md': '# v2\n' }]);
    const controller = new AbortController();
    controller.abort(new Error('stopped'));

    await expect(
      reader().read(source(join(dir, 'PLAN.md')), {
        limit: 10,
        signal: controller.signal,
      }),
    ).rejects.toThrow('stopped');
  });
});
