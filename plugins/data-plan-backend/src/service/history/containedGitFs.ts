import { isPathInsideRoots } from '@dataplan/plugin-data-plan-node';
import type { PromiseFsClient } from 'isomorphic-git';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function refused(code: 'EACCES' | 'EROFS', message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * A read-only file system for isomorphic-git that reaches nothing outside `gitdir` (a
 * real path): every path is resolved through its symbolic links and must stay inside, so
 * a link or an `objects/info/alternates` entry in the repository cannot read elsewhere.
 * A missing path fails with ENOENT, as isomorphic-git expects of a probe.
 */
export function containedGitFs(gitdir: string): PromiseFsClient {
  const contained = async (path: string): Promise<string> => {
    const real = await fs.realpath(path);
    if (!isPathInsideRoots(real, [gitdir])) {
      throw refused('EACCES', 'the repository refers to a file outside itself');
    }
    return real;
  };
  const readOnly = async (): Promise<never> => {
    throw refused('EROFS', 'the repository is read only here');
  };
  return {
    promises: {
      readFile: async (path: string, options?: unknown) =>
        fs.readFile(await contained(path), options as any),
      readdir: async (path: string) => fs.readdir(await contained(path)),
      stat: async (path: string) => fs.stat(await contained(path)),
      // About a link itself, not its target: its folder must be inside.
      lstat: async (path: string) =>
        fs.lstat(join(await contained(dirname(path)), basename(path))),
      readlink: async (path: string) =>
        fs.readlink(join(await contained(dirname(path)), basename(path))),
      writeFile: readOnly,
      unlink: readOnly,
      mkdir: readOnly,
      rmdir: readOnly,
      symlink: readOnly,
      chmod: readOnly,
    },
  };
}
