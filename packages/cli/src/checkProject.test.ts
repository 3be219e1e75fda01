import { parsePlan } from '@dataplan/plugin-data-plan-common';
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
import { checkProject } from './checkProject';

const sample = resolve(
  __dirname,
  '../../../examples/data-projects/customer-360',
);

describe('checkProject', () => {
  let root: string;
  let text: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'data-plan-check-'));
    await cp(sample, root, { recursive: true });
    text = await readFile(join(root, 'PLAN.md'), 'utf8');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('finds nothing in a project that matches its plan', async () => {
    expect(await checkProject(root, parsePlan(text))).toEqual([]);
  });

  it('reports missing folders of the layout and objects without a unit test', async () => {
    await rm(join(root, 'backups'), { recursive: true });
    await rm(join(root, 'tests/unit/raw/web_events.sql'));
    expect(await checkProject(root, parsePlan(text))).toEqual([
      {
        key: 'missing-directory:directory:backups',
        severity: 'warning',
        rule: 'missing-directory',
        message: 'Folder backups/ of the layered layout is missing',
      },
      {
        key: 'missing-unit-test:object:MKT_DB.RAW.WEB_EVENTS',
        severity: 'warning',
        rule: 'missing-unit-test',
        message:
          'MKT_DB.RAW.WEB_EVENTS has no unit test file tests/unit/raw/web_events.sql',
        line: 78,
      },
    ]);
  });

  it('never looks outside the project for a planned file, and follows no symbolic link', async () => {
    const plan = parsePlan(
      text.replace('`src/raw/tables/web_events.sql`', '`../../etc/passwd`'),
    );
    const outside = join(root, '..', 'outside-src');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'secret.sql'), 'SELECT 1;');
    await symlink(outside, join(root, 'src/raw/linked'));
    const findings = await checkProject(root, plan);
    expect(findings.map(f => f.message)).toEqual([
      'src/raw/tables/web_events.sql is not named by any step of the plan',
    ]);
    await rm(outside, { recursive: true });
  });
});
