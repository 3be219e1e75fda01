import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlanFile } from './readPlanFile';

describe('readPlanFile', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'data-plan-read-'));
  });

  it('reads UTF-8 text', async () => {
    const file = join(dir, 'PLAN.md');
    await writeFile(file, '# IMPLEMENTATION PLAN — ✓\n');
    await expect(readPlanFile(file)).resolves.toBe(
      '# IMPLEMENTATION PLAN — ✓\n',
    );
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.md'), /nope\.md: no such file$/],
    ['a directory', () => dir, /: is a directory, not a plan file$/],
  ])('refuses %s', async (_, path, message) => {
    await expect(readPlanFile(path())).rejects.toMatchObject({
      name: 'CliInputError',
      message: expect.stringMatching(message),
    });
  });

  it('refuses a binary file', async () => {
    const file = join(dir, 'image.png');
    await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await expect(readPlanFile(file)).rejects.toThrow(
      /image\.png: looks like a binary file/,
    );
  });

  it('refuses text that is not UTF-8', async () => {
    const file = join(dir, 'latin1.md');
    await writeFile(file, Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9]));
    await expect(readPlanFile(file)).rejects.toThrow(
      /latin1\.md: is not UTF-8 text/,
    );
  });

  it('refuses a 1 GB file without reading it', async () => {
    const file = join(dir, 'huge.md');
    await writeFile(file, '');
    await truncate(file, 1024 ** 3); // sparse: no gigabyte written to disk
    await expect(readPlanFile(file)).rejects.toThrow(
      /huge\.md: 1\.0 GB is larger than the 10\.0 MB limit for a plan/,
    );
  });
});
