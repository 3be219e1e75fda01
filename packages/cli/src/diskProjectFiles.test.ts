import {
  checkRepository,
  parsePlan,
  ProjectFileError,
} from '@dataplan/plugin-data-plan-common';
import { execFileSync } from 'node:child_process';
import {
  cp,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { diskProjectFiles } from './diskProjectFiles';

const sample = resolve(
  __dirname,
  '../../../examples/data-projects/customer-360',
);

let scratch: string;
let root: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'data-plan-files-'));
  root = join(scratch, 'project');
  await cp(sample, root, { recursive: true });
});
afterEach(() => rm(scratch, { recursive: true, force: true }));

describe('diskProjectFiles', () => {
  it("lists the project's files as POSIX paths, following no symbolic link", async () => {
    const outside = join(scratch, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret.sql'), 'SELECT 1;');
    await symlink(outside, join(root, 'src/raw/linked'));
    await symlink(
      join(outside, 'secret.sql'),
      join(root, 'src/raw/tables/link.sql'),
    );
    await mkdir(join(root, '.git'));
    await writeFile(join(root, '.git/HEAD'), 'ref: refs/heads/main');
    const { paths, truncated } = await (await diskProjectFiles(root)).list();
    expect(truncated).toBe(false);
    expect(paths).toContain('src/raw/tables/crm_contacts.sql');
    expect(paths).toContain('backups/2026-07-14/2.0.1/.gitkeep');
    expect(paths.filter(p => /link|secret|\.git\//.test(p))).toEqual([]);
    expect(paths).toEqual([...paths].sort());
  });

  it('stops listing at its cap and says it was truncated', async () => {
    const listing = await (
      await diskProjectFiles(root, { maxEntries: 5 })
    ).list();
    expect(listing.truncated).toBe(true);
    expect(listing.paths.length).toBeLessThanOrEqual(5);
  });

  it('reads a file, and gives undefined for one that does not exist or is a folder', async () => {
    const files = await diskProjectFiles(root);
    expect(await files.readText('deploy/deploy.sql')).toBe(
      await readFile(join(sample, 'deploy/deploy.sql'), 'utf8'),
    );
    expect(await files.readText('deploy/missing.sql')).toBeUndefined();
    expect(await files.readText('no/such/folder.sql')).toBeUndefined();
    expect(await files.readText('PLAN.md/below')).toBeUndefined();
    expect(await files.readText('deploy')).toBeUndefined();
  });

  it('refuses unsafe paths, symbolic links, large and non-UTF-8 files', async () => {
    const outside = join(scratch, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret.sql'), 'SELECT 1;');
    await symlink(outside, join(root, 'linked'));
    await symlink(join(outside, 'secret.sql'), join(root, 'deploy/link.sql'));
    await writeFile(join(root, 'deploy/big.sql'), 'x'.repeat(101));
    await writeFile(join(root, 'deploy/latin1.sql'), Buffer.from([0x53, 0xe9]));
    const files = await diskProjectFiles(root, { maxFileBytes: 100 });
    await expect(files.readText('../outside/secret.sql')).rejects.toThrow(
      'has a . or .. segment',
    );
    await expect(files.readText('/etc/passwd')).rejects.toThrow('is absolute');
    await expect(files.readText('deploy\\x.sql')).rejects.toThrow('backslash');
    await expect(files.readText('linked/secret.sql')).rejects.toThrow(
      'a folder on the way to linked/secret.sql is a symbolic link',
    );
    await expect(files.readText('deploy/link.sql')).rejects.toThrow(
      'deploy/link.sql is a symbolic link',
    );
    await expect(files.readText('deploy/big.sql')).rejects.toThrow(
      'deploy/big.sql is larger than 100 bytes',
    );
    // Refused on purpose: a finding of the check, not its failure.
    await expect(files.readText('deploy/big.sql')).rejects.toBeInstanceOf(
      ProjectFileError,
    );
    execFileSync('mkfifo', [join(root, 'deploy/pipe.sql')]);
    await expect(files.readText('deploy/pipe.sql')).rejects.toThrow(
      'deploy/pipe.sql is not a regular file',
    );
    await expect(files.readText('deploy/latin1.sql')).rejects.toThrow(
      'deploy/latin1.sql is not UTF-8 text',
    );
  });

  it('contains a project reached through a symbolic link in its real folder', async () => {
    const alias = join(scratch, 'alias');
    await symlink(root, alias);
    const files = await diskProjectFiles(alias);
    expect(await files.readText('deploy/deploy.sql')).toContain('!source');
  });
});

describe('checkRepository over a project on disk', () => {
  async function check() {
    const plan = parsePlan(await readFile(join(root, 'PLAN.md'), 'utf8'));
    return checkRepository(plan, await diskProjectFiles(root));
  }

  it('finds nothing in a project that matches its plan', async () => {
    expect((await check()).findings).toEqual([]);
  });

  it('reports missing folders of the layout and objects without a unit test', async () => {
    await rm(join(root, 'tests/unit/raw/web_events.sql'));
    await rm(join(root, 'src/raw/views/.gitkeep'));
    expect((await check()).findings.map(f => `${f.rule} ${f.message}`)).toEqual(
      [
        'missing-directory Folder src/raw/views/ of the layered layout is missing',
        'missing-unit-test MKT_DB.RAW.WEB_EVENTS has no unit test file tests/unit/raw/web_events.sql',
      ],
    );
  });

  it('never reads outside the project: a planned path that leaves it, a linked folder, an include through a link', async () => {
    const text = await readFile(join(root, 'PLAN.md'), 'utf8');
    await writeFile(
      join(root, 'PLAN.md'),
      text.replace('`src/raw/tables/web_events.sql`', '`../../etc/passwd`'),
    );
    const outside = join(scratch, 'outside-src');
    await mkdir(outside);
    await writeFile(
      join(outside, 'secret.sql'),
      'CREATE TABLE SECRET (ID INT);',
    );
    await symlink(outside, join(root, 'src/raw/linked'));
    const deploy = join(root, 'deploy/deploy.sql');
    await writeFile(
      deploy,
      `${await readFile(deploy, 'utf8')}!source src/raw/linked/secret.sql\n`,
    );
    expect((await check()).findings.map(f => `${f.rule} ${f.message}`)).toEqual(
      [
        'orphan-sql-file src/raw/tables/web_events.sql is not named by any step of the plan',
        'unreadable-file "src/raw/linked/secret.sql" could not be read: a folder on the way to src/raw/linked/secret.sql is a symbolic link',
      ],
    );
  });
});
