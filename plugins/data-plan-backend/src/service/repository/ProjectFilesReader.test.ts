import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultProjectFilesReader } from './ProjectFilesReader';

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

  it('cuts the listing at the file cap and stops reading at the byte cap', async () => {
    const files = reader({ maxFiles: 1, maxBytes: 10 }).filesOf(local());
    await expect(files.list()).resolves.toEqual({
      paths: ['PLAN.md'],
      truncated: true,
    });
    const more = reader({ maxFiles: 10, maxBytes: 10 }).filesOf(local());
    await expect(more.readText('src/raw/tables/orders.sql')).rejects.toThrow(
      'dataPlan.repository.maxBytes',
    );
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
});
