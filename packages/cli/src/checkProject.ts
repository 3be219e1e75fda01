import {
  DEFAULT_LAYERS,
  ParsedPlan,
  PlanDiagnostic,
  contentKey,
  dataProjectDirectories,
  findingKey,
  objectKey,
  unitTestFilePath,
} from '@dataplan/plugin-data-plan-common';
import { lstat, readdir } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';

/** Orphan search stops after this many entries under src/, so a huge tree cannot hang CI. */
const MAX_ENTRIES = 100_000;

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Resolves a plan path inside the project; undefined when it would leave it. */
function inside(root: string, path: string): string | undefined {
  if (isAbsolute(path) || path.includes('\\')) return undefined;
  const absolute = resolve(root, path);
  const rel = relative(root, absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel)
    ? absolute
    : undefined;
}

/** Every `.sql` file below `src/`, as project-relative POSIX paths; symbolic links are not followed. */
async function sqlFiles(
  root: string,
): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  const pending = [join(root, 'src')];
  let seen = 0;
  while (pending.length) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) return { files, truncated: true };
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.sql')) {
        files.push(relative(root, path).split(sep).join(posix.sep));
      }
    }
  }
  return { files: files.sort(), truncated: false };
}

/**
 * Compares a parsed plan with the project on disk: planned objects without their file, SQL
 * files under src/ that no step names, objects without a unit test file, and the folders
 * of the layered layout.
 */
export async function checkProject(
  root: string,
  plan: ParsedPlan,
): Promise<PlanDiagnostic[]> {
  const findings: PlanDiagnostic[] = [];
  const layers = plan.layers.length ? plan.layers : [...DEFAULT_LAYERS];

  for (const dir of dataProjectDirectories(layers)) {
    if (!(await exists(join(root, dir)))) {
      findings.push({
        key: findingKey('missing-directory', contentKey('directory', dir)),
        severity: 'warning',
        rule: 'missing-directory',
        message: `Folder ${dir}/ of the layered layout is missing`,
      });
    }
  }

  const planned = new Set<string>();
  for (const object of plan.objects) {
    if (!object.file) continue;
    const path = object.file.replace(/^\.\//, '');
    const absolute = inside(root, path);
    if (!absolute) continue; // parsePlan reports the unsafe path itself
    planned.add(path);
    const subject = object.key ?? objectKey(object);
    if (!(await exists(absolute))) {
      findings.push({
        key: findingKey('missing-object-file', subject),
        severity: 'error',
        rule: 'missing-object-file',
        message: `${object.name}: planned file ${path} does not exist`,
        line: object.line,
      });
    }
    if (object.layer && object.kind) {
      const test = unitTestFilePath({ layer: object.layer, file: path });
      if (!(await exists(join(root, test)))) {
        findings.push({
          key: findingKey('missing-unit-test', subject),
          severity: 'warning',
          rule: 'missing-unit-test',
          message: `${object.name} has no unit test file ${test}`,
          line: object.line,
        });
      }
    }
  }

  const { files, truncated } = await sqlFiles(root);
  for (const file of files) {
    if (!planned.has(file)) {
      findings.push({
        key: findingKey('orphan-sql-file', contentKey('file', file)),
        severity: 'warning',
        rule: 'orphan-sql-file',
        message: `${file} is not named by any step of the plan`,
      });
    }
  }
  if (truncated) {
    findings.push({
      key: findingKey('orphan-search-truncated'),
      severity: 'warning',
      rule: 'orphan-search-truncated',
      message: `src/ holds more than ${MAX_ENTRIES} entries; the search for orphan SQL files stopped there`,
    });
  }
  return findings;
}
