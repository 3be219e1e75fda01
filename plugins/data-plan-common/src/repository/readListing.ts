import { contentKey } from '../plan/findingKeys';
import { ProjectFiles } from './ProjectFiles';
import { shownPath, unsafePathReason } from './projectPaths';
import { FileReader } from './readScripts';
import { ProjectListing, Report } from './repositoryContext';

/** Unsafe listed paths reported one by one; the rest are counted in one more finding. */
const MAX_UNSAFE_PATHS = 50;

/**
 * Lists the project once: its safe paths within `maxFiles` (an unsafe one is a finding and
 * is never read), the folders that hold them, and whether the listing was cut short.
 */
export async function readListing(
  files: ProjectFiles,
  maxFiles: number,
  report: Report,
  reader: FileReader,
): Promise<ProjectListing> {
  const listed = await files.list();
  // Every safe listed name answers whether a file exists; only the first maxFiles paths
  // are looked at (orphans, folders).
  const names = new Set<string>();
  const present = new Set<string>();
  let truncated = listed.truncated;
  let unsafe = 0;
  for (let i = 0; i < listed.paths.length; i++) {
    if (i >= maxFiles) truncated = true;
    const path = listed.paths[i];
    const problem =
      typeof path === 'string' ? unsafePathReason(path) : 'is not text';
    if (!problem) {
      names.add(path);
      if (i < maxFiles) present.add(path);
      continue;
    }
    if (i >= maxFiles) continue;
    unsafe++;
    if (unsafe <= MAX_UNSAFE_PATHS) {
      const shown = typeof path === 'string' ? shownPath(path) : 'A path';
      report(
        'unsafe-path',
        contentKey('path', shown),
        `Listed path ${shown} ${problem}; it is not read`,
      );
    }
  }
  if (unsafe > MAX_UNSAFE_PATHS) {
    report(
      'unsafe-path',
      contentKey('path', 'more'),
      `${
        unsafe - MAX_UNSAFE_PATHS
      } more listed paths are not safe project paths; they are not read`,
    );
  }
  if (truncated) {
    report(
      'listing-truncated',
      undefined,
      `The listing of the project's files stopped at ${Math.min(
        listed.paths.length,
        maxFiles,
      )} paths: SQL files no step names, missing folders and the backup folder are not looked for, and files not listed are read to learn whether they exist`,
    );
  }
  // Only a listing cut short by the reader leaves out names: those are asked for.
  const exists = async (path: string) =>
    names.has(path) || (listed.truncated && (await reader.exists(path)));
  // Folders that hold a listed file.
  const folders = new Set<string>();
  for (const path of present) {
    for (let slash = path.lastIndexOf('/'); slash > 0; ) {
      const folder = path.slice(0, slash);
      if (folders.has(folder)) break;
      folders.add(folder);
      slash = folder.lastIndexOf('/');
    }
  }
  return { present, folders, truncated, exists };
}
