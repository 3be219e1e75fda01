import { InputError, isError, NotAllowedError } from '@backstage/errors';
import { isPathInsideRoots } from '@dataplan/plugin-data-plan-node';
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { PlanSource } from '../../database/DataPlanStore';
import { checkHistoryLimit } from './checkHistoryLimit';
import { containedGitFs } from './containedGitFs';
import { findGitRepository } from './findGitRepository';
import { GitHistoryWalk } from './GitHistoryWalk';
import {
  PlanHistoryReader,
  PlanHistoryReadOptions,
  PlanVersionsResult,
} from './PlanHistoryReader';

/**
 * {@link PlanHistoryReader} for plans read from a local folder (`file` sources) that is in
 * a git repository, read with isomorphic-git from the repository's objects only (the work
 * tree is not looked at). The repository's root must be inside the plan roots
 * (`dataPlan.planRoots`): its folder is found upward from the plan's, never above the root
 * that holds it, and nothing outside its `.git` folder is read.
 *
 * The history is the first-parent chain from HEAD (the branch checked out), as
 * `git log --first-parent -- <plan path>` gives it: a commit touched the plan when the
 * plan's blob differs from its first parent's. Each commit is read once, so the read is
 * linear in the commits walked; the walk stops after `limit` such commits or after
 * `maxCommits` commits in all. A rename is not followed.
 */
export class GitPlanHistoryReader implements PlanHistoryReader {
  static create(options: {
    planRoots: string[];
    maxPlanBytes: number;
    /** The most commits one read walks, touching the plan or not; 10,000 unless given. */
    maxCommits?: number;
  }): GitPlanHistoryReader {
    return new GitPlanHistoryReader(
      options.planRoots,
      options.maxPlanBytes,
      options.maxCommits ?? 10_000,
    );
  }

  private constructor(
    private readonly planRoots: string[],
    private readonly maxPlanBytes: number,
    private readonly maxCommits: number,
  ) {}

  async read(
    source: PlanSource,
    options: PlanHistoryReadOptions,
  ): Promise<PlanVersionsResult> {
    checkHistoryLimit(options.limit);
    if (source.type !== 'file') {
      return { unsupported: 'the plan is not read from a local folder' };
    }
    const location = resolve(source.location);
    // Real paths, so that a link in the plan's folders cannot lead out of the roots.
    const folder = await realpath(dirname(location)).catch(() => undefined);
    if (!folder) {
      return { unsupported: "the plan's folder does not exist" };
    }
    const roots = await Promise.all(
      this.planRoots.map(r => realpath(r).catch(() => undefined)),
    );
    const root = roots.find(
      (r): r is string => r !== undefined && isPathInsideRoots(folder, [r]),
    );
    if (!root) {
      throw new NotAllowedError(
        "The plan's folder is outside the folders plans may be read from (dataPlan.planRoots)",
      );
    }
    const repository = await findGitRepository(folder, root);
    if ('unsupported' in repository) return repository;

    const parts = relative(repository.dir, join(folder, basename(location)))
      .split(sep)
      .filter(part => part !== '');
    if (
      parts.length === 0 ||
      parts.some(part => part === '..' || part === '.')
    ) {
      throw new NotAllowedError(
        "The plan's path is not inside its repository's folder",
      );
    }
    const planPath = parts.join('/');
    try {
      return await new GitHistoryWalk(
        containedGitFs(repository.gitdir),
        repository.gitdir,
        parts,
        planPath,
        this.maxPlanBytes,
      ).walk(options.limit, this.maxCommits, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      // isomorphic-git's errors carry a code and a message naming absolute paths.
      if (isError(error) && 'caller' in error) {
        throw new InputError(
          `The history of ${planPath} cannot be read from its repository (${
            (error as { code?: string }).code ?? error.name
          })`,
        );
      }
      throw error;
    }
  }
}
