import { lstat, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The repository a folder is in: its work tree and its `.git` folder, real paths. */
export interface GitRepository {
  dir: string;
  gitdir: string;
}

/**
 * The git repository that holds `folder` (a real path inside `root`, also real), found by
 * looking for `.git` in the folder and each parent up to and including `root`, never
 * above it: a repository outside the folders plans may be read from is not one to read.
 * A `.git` file (a linked worktree or a submodule) names a git folder elsewhere, which is
 * not followed. Returns the reason when there is no repository to read.
 */
export async function findGitRepository(
  folder: string,
  root: string,
): Promise<GitRepository | { unsupported: string }> {
  for (let dir = folder; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const info = await lstat(dotGit).catch(() => undefined);
    if (info?.isDirectory()) {
      return { dir, gitdir: await realpath(dotGit) };
    }
    if (info) {
      return {
        unsupported:
          "the plan's repository is a linked worktree or a submodule (its .git is not a folder), whose history is not read",
      };
    }
    if (dir === root || dirname(dir) === dir) {
      return {
        unsupported:
          "the plan's folder is not in a git repository inside the folders plans are read from (dataPlan.planRoots)",
      };
    }
  }
}
