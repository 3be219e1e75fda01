import { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  checkRepository,
  parsePlan,
  ProjectFileError,
} from '@dataplan/plugin-data-plan-common';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  DefaultProjectFilesReader,
  IncompleteListingError,
} from './ProjectFilesReader';
import { DefaultRepositoryChecker } from './RepositoryChecker';

// The walk's and the reads' calls, to make them fail as a disk can.
jest.mock('node:fs/promises', () => {
  const actual = jest.requireActual('node:fs/promises');
  return {
    ...actual,
    opendir: jest.fn(actual.opendir),
    open: jest.fn(actual.open),
  };
});
const actualFs = jest.requireActual('node:fs/promises');
const mockedFs = fsPromises as jest.Mocked<typeof fsPromises>;

const SAMPLE = resolve(
  __dirname,
  '../../../../../examples/data-projects/customer-360',
);

describe('DefaultProjectFilesReader', () => {
  let base: string;
  let root: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'project-files-'));
    root = join(base, 'roots');
    mkdirSync(join(root, 'sales', 'src', 'raw', 'tables'), { recursive: true });
    writeFileSync(join(root, 'sales', 'PLAN.md'), '# plan');
    writeFileSync(
      join(root, 'sales', 'src', 'raw', 'tables', 'orders.sql'),
      'CREATE TABLE ORDERS (ID INT);',
    );
    mkdirSync(join(root, 'sales', '.git'));
    writeFileSync(join(root, 'sales', '.git', 'HEAD'), 'ref');
    writeFileSync(join(base, 'secret.sql'), 'secret');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const reader = (caps = { maxFiles: 100, maxBytes: 1_000_000 }) =>
    DefaultProjectFilesReader.create({
      urlReader: {} as UrlReaderService,
      planRoots: [root],
      ...caps,
    });
  const local = () => ({
    type: 'file' as const,
    location: join(root, 'sales', 'PLAN.md'),
    path: 'PLAN.md',
    folder: join(root, 'sales'),
  });

  it('lists the entity folder on disk and reads only the files asked for', async () => {
    const files = reader().filesOf(local());
    await expect(files.list()).resolves.toEqual({
      paths: ['PLAN.md', 'src/raw/tables/orders.sql'],
      truncated: false,
    });
    await expect(files.readText('src/raw/tables/orders.sql')).resolves.toBe(
      'CREATE TABLE ORDERS (ID INT);',
    );
    expect(files.stats).toMatchObject({ fileReads: 1, scmCalls: 2 });
    await expect(files.readText('../secret.sql')).resolves.toBeUndefined();
  });

  it('never follows a symbolic link out of the folder', async () => {
    symlinkSync(
      join(base, 'secret.sql'),
      join(root, 'sales', 'src', 'link.sql'),
    );
    const files = reader().filesOf(local());
    const { paths } = await files.list();
    expect(paths).not.toContain('src/link.sql');
    await expect(files.readText('src/link.sql')).resolves.toBeUndefined();
  });

  it('refuses a folder outside the plan roots', async () => {
    const outside = {
      ...local(),
      folder: base,
      location: join(base, 'PLAN.md'),
    };
    await expect(reader().filesOf(outside).list()).rejects.toThrow(
      'outside the folders plans may be read from',
    );
  });

  it('cuts the listing at the entry cap and stops reading at the byte cap', async () => {
    const files = reader({ maxFiles: 1, maxBytes: 10 }).filesOf(local());
    await expect(files.list()).resolves.toMatchObject({ truncated: true });
    const more = reader({ maxFiles: 10, maxBytes: 10 }).filesOf(local());
    await expect(more.readText('src/raw/tables/orders.sql')).rejects.toThrow(
      'dataPlan.repository.maxBytes',
    );
    // Refused from its size, before anything is read.
    expect(more.stats).toMatchObject({ fileReads: 0, bytesRead: 0 });
  });

  it('lists a folder on a host with one search and reads each file when asked', async () => {
    const contents = jest.fn(async () =>
      Buffer.from('CREATE VIEW V AS SELECT 1'),
    );
    const search = jest.fn(async () => ({
      etag: 'sha',
      files: [
        {
          url: 'https://github.com/o/r/blob/main/sales/src/consumption/views/v.sql',
          content: contents,
        },
        {
          url: 'https://github.com/o/r/blob/main/sales/PLAN.md',
          content: contents,
        },
        {
          url: 'https://github.com/o/r/blob/main/other/x.sql',
          content: contents,
        },
      ],
    }));
    const files = DefaultProjectFilesReader.create({
      urlReader: { search } as unknown as UrlReaderService,
      planRoots: [],
      maxFiles: 100,
      maxBytes: 1000,
    }).filesOf({
      type: 'url',
      location: 'https://github.com/o/r/blob/main/sales/PLAN.md',
      path: 'PLAN.md',
      folder: 'https://github.com/o/r/blob/main/sales/',
    });
    await expect(files.list()).resolves.toEqual({
      paths: ['PLAN.md', 'src/consumption/views/v.sql'],
      truncated: false,
    });
    expect(search).toHaveBeenCalledWith(
      'https://github.com/o/r/blob/main/sales/**',
      {},
    );
    expect(contents).not.toHaveBeenCalled();
    await expect(files.readText('src/consumption/views/v.sql')).resolves.toBe(
      'CREATE VIEW V AS SELECT 1',
    );
    expect(files.stats).toEqual({ scmCalls: 2, fileReads: 1, bytesRead: 25 });
  });

  it('refuses a host folder whose name would be read as a pattern', async () => {
    const files = DefaultProjectFilesReader.create({
      urlReader: { search: jest.fn() } as unknown as UrlReaderService,
      planRoots: [],
      maxFiles: 100,
      maxBytes: 1000,
    }).filesOf({
      type: 'url',
      location: 'https://github.com/o/r/blob/main/s*/PLAN.md',
      path: 'PLAN.md',
      folder: 'https://github.com/o/r/blob/main/s*/',
    });
    await expect(files.list()).rejects.toThrow('pattern character');
  });

  it('refuses a host folder that carries its path in the query', async () => {
    const search = jest.fn();
    const files = DefaultProjectFilesReader.create({
      urlReader: { search } as unknown as UrlReaderService,
      planRoots: [],
      maxFiles: 100,
      maxBytes: 1000,
    }).filesOf({
      type: 'url',
      location:
        'https://dev.azure.com/o/p/_git/r?path=/sales/PLAN.md&version=GBmain',
      path: 'PLAN.md',
      folder: 'https://dev.azure.com/o/p/_git/r?path=/sales/&version=GBmain',
    });
    await expect(files.list()).rejects.toThrow(
      "carries its path in the URL's query",
    );
    expect(search).not.toHaveBeenCalled();
  });
});

describe('DefaultProjectFilesReader on a host', () => {
  const folder = 'https://github.com/o/r/blob/main/sales/';
  const file = (path: string, content: () => Promise<Buffer>) => ({
    url: `${folder}${path}`,
    content,
  });
  const text = (t: string) => jest.fn(async () => Buffer.from(t));
  const hostFiles = (
    listed: Array<{ url: string; content: () => Promise<Buffer> }>,
    caps: { maxFiles?: number; maxBytes?: number; maxFileBytes?: number } = {},
  ) =>
    DefaultProjectFilesReader.create({
      urlReader: {
        search: async () => ({ etag: 'sha', files: listed }),
      } as unknown as UrlReaderService,
      planRoots: [],
      maxFiles: 100,
      maxBytes: 1000,
      ...caps,
    }).filesOf({
      type: 'url',
      location: `${folder}PLAN.md`,
      path: 'PLAN.md',
      folder,
    });

  it('fails on a file the host fails to give, and takes one it no longer has as missing', async () => {
    const files = hostFiles([
      file('PLAN.md', text('# plan')),
      file(
        'deploy/deploy.sql',
        jest.fn(async () => {
          throw new Error('API rate limit exceeded');
        }),
      ),
      file(
        'deploy/gone.sql',
        jest.fn(async () => {
          throw new NotFoundError('gone');
        }),
      ),
    ]);
    const read = files.readText('deploy/deploy.sql');
    await expect(read).rejects.toThrow('API rate limit exceeded');
    await expect(read).rejects.not.toBeInstanceOf(ProjectFileError);
    await expect(files.readText('deploy/gone.sql')).resolves.toBeUndefined();
  });

  it('holds the listing against the plan: one without it is an error, not a project of missing files', async () => {
    const files = hostFiles([file('src/raw/tables/a.sql', text('x'))]);
    await expect(files.list()).rejects.toBeInstanceOf(IncompleteListingError);
  });

  it('checks the budget before it asks the host, and refuses a file over the per-file cap', async () => {
    const big = text('x'.repeat(50));
    const after = text('SELECT 1');
    const files = hostFiles(
      [
        file('PLAN.md', text('# plan')),
        file('a.sql', text('y'.repeat(20))),
        file('big.sql', big),
        file('b.sql', text('z'.repeat(20))),
        file('c.sql', after),
      ],
      { maxBytes: 30, maxFileBytes: 40 },
    );
    await expect(files.readText('big.sql')).rejects.toMatchObject({
      name: 'ProjectFileError',
      reason: 'unreadable',
      message: 'big.sql is larger than 40 bytes',
    });
    await expect(files.readText('a.sql')).resolves.toBe('y'.repeat(20));
    await expect(files.readText('b.sql')).rejects.toMatchObject({
      reason: 'budget',
    });
    expect(files.stats.bytesRead).toBe(20);
    // Only the bytes within the budget were kept; once spent, the host is not asked.
    const spent = hostFiles(
      [file('PLAN.md', text('# plan')), file('a.sql', text('y'.repeat(30)))],
      { maxBytes: 30 },
    );
    await spent.readText('a.sql');
    const asked = text('SELECT 1');
    await expect(spent.readText('PLAN.md')).rejects.toMatchObject({
      reason: 'budget',
    });
    expect(asked).not.toHaveBeenCalled();
  });

  it('keeps every listed name past the cap: those files exist and can be read', async () => {
    const listed = [file('PLAN.md', text('# plan'))];
    for (let i = 0; i < 20; i++) {
      listed.push(file(`src/raw/tables/t${i}.sql`, text(`-- ${i}`)));
    }
    const files = hostFiles(listed, { maxFiles: 5 });
    const { paths, truncated } = await files.list();
    expect(paths).toHaveLength(5);
    expect(truncated).toBe(true);
    await expect(files.exists!('src/raw/tables/t9.sql')).resolves.toBe(true);
    await expect(files.exists!('src/raw/tables/t99.sql')).resolves.toBe(false);
    await expect(files.readText('src/raw/tables/t9.sql')).resolves.toBe('-- 9');
  });
});

describe('DefaultProjectFilesReader against checkRepository', () => {
  let base: string;
  let project: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'project-check-'));
    project = join(base, 'customer-360');
    cpSync(SAMPLE, project, { recursive: true });
  });
  afterEach(() => {
    mockedFs.opendir.mockImplementation(actualFs.opendir);
    mockedFs.open.mockImplementation(actualFs.open);
    mockedFs.opendir.mockClear();
    rmSync(base, { recursive: true, force: true });
  });

  const files = (
    caps: { maxFiles?: number; maxBytes?: number; maxFileBytes?: number } = {},
  ) =>
    DefaultProjectFilesReader.create({
      urlReader: {} as UrlReaderService,
      planRoots: [base],
      maxFiles: 10_000,
      maxBytes: 1_000_000,
      ...caps,
    }).filesOf({
      type: 'file',
      location: join(project, 'PLAN.md'),
      path: 'PLAN.md',
      folder: project,
    });
  const plan = () => parsePlan(readFileSync(join(project, 'PLAN.md'), 'utf8'));

  it('finds the complete sample complete', async () => {
    const report = await checkRepository(plan(), files());
    expect(report.findings).toEqual([]);
  });

  it('fails when a folder cannot be opened, the root as any other, rather than list it empty', async () => {
    const failing = (folder: string) =>
      mockedFs.opendir.mockImplementation(async (path, options) => {
        if (String(path) === folder) {
          throw Object.assign(new Error('EACCES: permission denied'), {
            code: 'EACCES',
          });
        }
        return actualFs.opendir(path, options);
      });
    failing(join(project, 'deploy'));
    await expect(checkRepository(plan(), files())).rejects.toThrow('EACCES');
    failing(project);
    await expect(checkRepository(plan(), files())).rejects.toThrow('EACCES');
  });

  it('fails when a file cannot be read for another reason than its absence', async () => {
    mockedFs.open.mockImplementation(async (path, ...rest) => {
      if (String(path).endsWith('deploy.sql')) {
        throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      }
      return actualFs.open(path, ...rest);
    });
    await expect(checkRepository(plan(), files())).rejects.toThrow('EIO');
  });

  it('fails on a listing without the plan', async () => {
    const reading = DefaultProjectFilesReader.create({
      urlReader: {} as UrlReaderService,
      planRoots: [base],
      maxFiles: 10_000,
      maxBytes: 1_000_000,
    }).filesOf({
      type: 'file',
      location: join(project, 'OTHER.md'),
      path: 'OTHER.md',
      folder: project,
    });
    await expect(checkRepository(plan(), reading)).rejects.toBeInstanceOf(
      IncompleteListingError,
    );
  });

  it('says once that the byte budget ran out, and reads no file after it', async () => {
    const reading = files({ maxBytes: 600 });
    const report = await checkRepository(plan(), reading);
    expect(report.findings.map(f => f.rule)).toEqual([
      'repository-budget-exceeded',
    ]);
    expect(reading.stats.bytesRead).toBeLessThanOrEqual(600);
  });

  it('refuses a file over the per-file cap from its size, unread', async () => {
    writeFileSync(join(project, 'deploy', 'deploy.sql'), 'x'.repeat(5000));
    const reading = files({ maxFileBytes: 4000 });
    const report = await checkRepository(plan(), reading);
    expect(report.findings.map(f => `${f.rule} ${f.message}`)).toContain(
      'unreadable-file "deploy/deploy.sql" could not be read: deploy/deploy.sql is larger than 4000 bytes',
    );
    expect(reading.stats.bytesRead).toBeLessThan(5000);
  });

  it('finds the planned files past a truncated listing', async () => {
    const complete = await checkRepository(plan(), files());
    const report = await checkRepository(plan(), files({ maxFiles: 8 }));
    expect(report.listing.truncated).toBe(true);
    expect(report.figures).toEqual(complete.figures);
    expect(report.findings.map(f => f.rule)).toEqual(['listing-truncated']);
  });

  it('counts folders against the cap: a tree of empty ones is not walked in full', async () => {
    for (let i = 0; i < 300; i++) {
      mkdirSync(join(project, 'empty', `${i}`), { recursive: true });
    }
    const reading = files({ maxFiles: 50 });
    await expect(reading.list()).resolves.toMatchObject({ truncated: true });
    expect(mockedFs.opendir.mock.calls.length).toBeLessThanOrEqual(51);
  });

  it('refuses a file reached through a folder swapped for a link since the walk', async () => {
    const outside = join(base, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'deploy.sql'), 'CREATE TABLE SECRET (X INT);');
    const reading = files();
    await reading.list();
    rmSync(join(project, 'deploy'), { recursive: true });
    symlinkSync(outside, join(project, 'deploy'));
    await expect(reading.readText('deploy/deploy.sql')).rejects.toMatchObject({
      name: 'ProjectFileError',
      message: "deploy/deploy.sql leads out of the project's folder",
    });
  });

  it('refuses a special file swapped in since the walk, without waiting on it', async () => {
    const reading = files();
    await reading.list();
    rmSync(join(project, 'deploy', 'deploy.sql'));
    execFileSync('mkfifo', [join(project, 'deploy', 'deploy.sql')]);
    await expect(reading.readText('deploy/deploy.sql')).rejects.toMatchObject({
      name: 'ProjectFileError',
      message: 'deploy/deploy.sql is not a regular file',
    });
  });

  it('leaves the stored report standing when a read fails', async () => {
    mockedFs.opendir.mockImplementation(async (path, options) => {
      if (String(path) === join(project, 'deploy')) {
        throw Object.assign(new Error('EACCES: permission denied'), {
          code: 'EACCES',
        });
      }
      return actualFs.opendir(path, options);
    });
    const entityRef = 'component:default/customer-360';
    const store = {
      getRepositoryCheckStates: jest.fn(async () => new Map()),
      getStoredPlans: jest.fn(
        async () =>
          new Map([[entityRef, { plan: plan(), contentHash: 'a'.repeat(64) }]]),
      ),
      saveRepositoryCheck: jest.fn(async () => false),
    };
    const onReportChanged = jest.fn();
    const checker = DefaultRepositoryChecker.create({
      catalog: {} as never,
      auth: {} as never,
      reader: {
        resolveSource: async () => ({
          type: 'file' as const,
          location: join(project, 'PLAN.md'),
          path: 'PLAN.md',
          folder: project,
        }),
      } as never,
      files: DefaultProjectFilesReader.create({
        urlReader: {} as UrlReaderService,
        planRoots: [base],
        maxFiles: 10_000,
        maxBytes: 1_000_000,
      }),
      store: store as never,
      logger: { warn: jest.fn(), error: jest.fn(), info: jest.fn() } as never,
      onReportChanged,
    });
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'customer-360', namespace: 'default' },
      spec: { type: 'data-project' },
    };
    await expect(checker.checkEntity(entity)).resolves.toBe('error');
    // Saved as an error beside the last report (which the store keeps), never as one.
    expect(store.saveRepositoryCheck).toHaveBeenCalledTimes(1);
    const [, saved] = store.saveRepositoryCheck.mock.calls[0] as unknown as [
      string,
      Record<string, unknown>,
    ];
    expect(saved.error).toContain('EACCES');
    expect(saved).not.toHaveProperty('report');
    expect(onReportChanged).not.toHaveBeenCalled();
  });
});
