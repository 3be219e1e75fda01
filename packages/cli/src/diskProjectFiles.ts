import {
  ProjectFileError,
  ProjectFiles,
  unsafePathReason,
} from '@dataplan/plugin-data-plan-common';
import { constants, Dirent } from 'node:fs';
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/** The limits of a project read from disk. */
export interface DiskProjectFilesOptions {
  /** Entries the listing looks at before it stops, truncated. Default 100 000. */
  maxEntries?: number;
  /** Bytes of one file; a larger one is not read. Default 4 MiB. */
  maxFileBytes?: number;
}

const DEFAULT_MAX_ENTRIES = 100_000;
const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Folders no rule looks into, and that can be huge. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * A project folder on disk as the repository checks see it: contained in the folder after
 * its real path is resolved, with no symbolic link followed (neither in the listing nor on
 * the way to a file read, opened with O_NOFOLLOW where the system has it), and bounded in
 * the entries listed and the bytes of each file.
 */
export async function diskProjectFiles(
  dir: string,
  options: DiskProjectFilesOptions = {},
): Promise<ProjectFiles> {
  const root = await realpath(dir);
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const decoder = new TextDecoder('utf-8', { fatal: true });

  return {
    async list() {
      const paths: string[] = [];
      const pending = [root];
      let seen = 0;
      while (pending.length) {
        const folder = pending.pop()!;
        let entries: Dirent[];
        try {
          entries = await readdir(folder, { withFileTypes: true });
        } catch (error) {
          // A folder gone since it was listed holds nothing; one that cannot be read fails
          // the listing rather than leave its files out.
          if (code(error) === 'ENOENT' && folder !== root) continue;
          throw error;
        }
        for (const entry of entries) {
          if (++seen > maxEntries)
            return { paths: paths.sort(), truncated: true };
          const path = join(folder, entry.name);
          if (entry.isDirectory()) {
            if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
          } else if (entry.isFile()) {
            paths.push(relative(root, path).split(sep).join('/'));
          }
        }
      }
      return { paths: paths.sort(), truncated: false };
    },

    async readText(path) {
      const problem = unsafePathReason(path);
      if (problem)
        throw new ProjectFileError(`${JSON.stringify(path)} ${problem}`);
      const absolute = join(root, ...path.split('/'));
      // Each folder on the way must be itself: a symbolic link changes the real path.
      let parent: string;
      try {
        parent = await realpath(dirname(absolute));
      } catch (error) {
        if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR')
          return undefined;
        throw error;
      }
      if (parent !== dirname(absolute)) {
        throw new ProjectFileError(
          `a folder on the way to ${path} is a symbolic link`,
        );
      }
      const noFollow = constants.O_NOFOLLOW;
      if (noFollow === undefined) {
        const info = await lstat(absolute).catch(() => undefined);
        if (info?.isSymbolicLink())
          throw new ProjectFileError(`${path} is a symbolic link`);
      }
      let handle;
      try {
        // Non-blocking: a FIFO put there since is stat'ed and refused, never waited on.
        handle = await open(
          absolute,
          constants.O_RDONLY | (noFollow ?? 0) | (constants.O_NONBLOCK ?? 0),
        );
      } catch (error) {
        if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR')
          return undefined;
        if (code(error) === 'ELOOP')
          throw new ProjectFileError(`${path} is a symbolic link`);
        throw error;
      }
      try {
        const info = await handle.stat();
        if (info.isDirectory()) return undefined;
        if (!info.isFile())
          throw new ProjectFileError(`${path} is not a regular file`);
        if (info.size > maxFileBytes) {
          throw new ProjectFileError(
            `${path} is larger than ${maxFileBytes} bytes`,
          );
        }
        const buffer = Buffer.alloc(info.size);
        const { bytesRead } = await handle.read(buffer, 0, info.size, 0);
        try {
          return decoder.decode(buffer.subarray(0, bytesRead));
        } catch {
          throw new ProjectFileError(`${path} is not UTF-8 text`);
        }
      } finally {
        await handle.close();
      }
    },
  };
}
