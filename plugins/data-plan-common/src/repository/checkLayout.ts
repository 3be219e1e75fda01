import {
  OBJECT_KINDS,
  dataProjectDirectories,
  kindDirectory,
  unitTestFilePath,
} from '../layout';
import { contentKey } from '../plan/findingKeys';
import { resolveProjectPath } from './projectPaths';
import { RepositoryContext } from './repositoryContext';
import { RepositoryObject } from './repositoryReport';

/**
 * The layout rules: the folders of the layered layout, each planned object's file (missing,
 * or in another layer's or kind's folder) and unit test, and the SQL files under `src/` no
 * step names. Fills in `ctx.objects`; returns those SQL files (none when the listing was
 * truncated, which its own finding says).
 */
export async function checkLayout(ctx: RepositoryContext): Promise<string[]> {
  const {
    plan,
    report,
    present,
    folders,
    truncated,
    exists,
    layers,
    keys,
    objects,
  } = ctx;
  if (!truncated) {
    for (const dir of dataProjectDirectories(layers)) {
      if (!folders.has(dir)) {
        report(
          'missing-directory',
          contentKey('directory', dir),
          `Folder ${dir}/ of the layered layout is missing`,
        );
      }
    }
  }

  // Listed object files by file name: where a misplaced one is.
  const kindFolders = new Set(OBJECT_KINDS.map(kindDirectory));
  const layoutFiles = new Map<string, string[]>();
  for (const path of present) {
    const parts = path.split('/');
    if (parts.length !== 4 || parts[0] !== 'src' || !kindFolders.has(parts[2]))
      continue;
    const list = layoutFiles.get(parts[3]);
    if (list) list.push(path);
    else layoutFiles.set(parts[3], [path]);
  }

  // The planned objects' files and unit tests.
  const planned = new Set<string>();
  const claimed = new Set<string>();
  for (const [index, object] of plan.objects.entries()) {
    // A path that leaves the project is the parser's finding, and no file here.
    const resolved = object.file
      ? resolveProjectPath('', object.file)
      : undefined;
    const path = resolved && 'path' in resolved ? resolved.path : undefined;
    const test =
      path && object.layer && object.kind
        ? unitTestFilePath({ layer: object.layer, file: path })
        : undefined;
    const entry: RepositoryObject = {
      key: keys[index],
      name: object.name,
      ...(object.kind ? { kind: object.kind } : {}),
      ...(object.layer ? { layer: object.layer } : {}),
      ...(path ? { file: path } : {}),
      fileExists: false,
      ...(test ? { testPath: test } : {}),
      testExists: false,
      deployed: false,
      rollback: false,
      backup: object.kind === 'table' ? false : null,
    };
    objects.push(entry);
    if (!path) continue;
    planned.add(path);
    entry.fileExists = await exists(path);
    if (!entry.fileExists) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      const elsewhere = (layoutFiles.get(name) ?? []).find(p => p !== path);
      if (elsewhere) {
        claimed.add(elsewhere);
        report(
          'misplaced-object-file',
          keys[index],
          `${object.name}: planned file ${path} is at ${elsewhere}, in another layer's or kind's folder`,
          object.line,
        );
      } else {
        report(
          'missing-object-file',
          keys[index],
          `${object.name}: planned file ${path} does not exist`,
          object.line,
        );
      }
    }
    if (test) {
      entry.testExists = await exists(test);
      if (!entry.testExists) {
        report(
          'missing-unit-test',
          keys[index],
          `${object.name} has no unit test file ${test}`,
          object.line,
        );
      }
    }
  }

  const orphans: string[] = [];
  if (!truncated) {
    for (const path of [...present].sort()) {
      if (
        path.startsWith('src/') &&
        path.toLowerCase().endsWith('.sql') &&
        !planned.has(path) &&
        !claimed.has(path)
      ) {
        orphans.push(path);
        report(
          'orphan-sql-file',
          contentKey('file', path),
          `${path} is not named by any step of the plan`,
        );
      }
    }
  }
  return orphans;
}
