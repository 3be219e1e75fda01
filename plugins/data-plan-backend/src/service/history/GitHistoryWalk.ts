import { isError } from '@backstage/errors';
import git, { PromiseFsClient, TreeEntry } from 'isomorphic-git';
import {
  PlanVersion,
  PlanVersionsResult,
  SkippedPlanVersion,
} from './PlanHistoryReader';
import { planVersionFromBytes } from './planVersionFromBytes';

/** Git's modes of a regular file: plain and executable. */
const FILE_MODES = new Set(['100644', '100755']);
/** Tree entries remembered during one read; cleared when full, so memory stays bounded. */
const MAX_REMEMBERED_ENTRIES = 10_000;

interface Commit {
  oid: string;
  committedAt: string;
  author: string;
  tree: string;
  parent?: string;
}

/**
 * One read of one plan's history in one repository: the first-parent chain from HEAD,
 * each commit and each tree read once (trees remembered while they repeat).
 */
export class GitHistoryWalk {
  readonly #cache = {};
  readonly #entries = new Map<string, TreeEntry[]>();

  constructor(
    private readonly fs: PromiseFsClient,
    private readonly gitdir: string,
    private readonly parts: string[],
    private readonly planPath: string,
    private readonly maxPlanBytes: number,
  ) {}

  async walk(
    limit: number,
    maxCommits: number,
    signal?: AbortSignal,
  ): Promise<PlanVersionsResult> {
    let oid: string;
    try {
      oid = await git.resolveRef({
        fs: this.fs,
        gitdir: this.gitdir,
        ref: 'HEAD',
      });
    } catch (error) {
      if (isError(error) && error.name === 'NotFoundError') {
        return { unsupported: "the plan's repository has no commits" };
      }
      throw error;
    }
    const versions: PlanVersion[] = [];
    const skipped: SkippedPlanVersion[] = [];
    let current = await this.#commit(oid);
    let entry = await this.#entryAt(current.tree);
    for (let walked = 1; ; walked++) {
      signal?.throwIfAborted();
      const parent = current.parent
        ? await this.#commit(current.parent).catch(error => {
            // A shallow clone ends at a commit whose parent it does not have.
            if (isError(error) && error.name === 'NotFoundError')
              return undefined;
            throw error;
          })
        : undefined;
      const parentEntry = parent ? await this.#entryAt(parent.tree) : undefined;
      if (entry?.oid !== parentEntry?.oid) {
        const read = await this.#version(current, entry);
        if ('version' in read) versions.push(read.version);
        else skipped.push(read.skipped);
        if (versions.length + skipped.length >= limit) {
          return { versions, skipped, complete: !current.parent };
        }
      }
      if (!parent) {
        return { versions, skipped, complete: !current.parent };
      }
      if (walked >= maxCommits) {
        return { versions, skipped, complete: false };
      }
      current = parent;
      entry = parentEntry;
    }
  }

  async #commit(oid: string): Promise<Commit> {
    const { commit } = await git.readCommit({
      fs: this.fs,
      gitdir: this.gitdir,
      oid,
      cache: this.#cache,
    });
    return {
      oid,
      committedAt: new Date(commit.committer.timestamp * 1000).toISOString(),
      author: commit.author.name,
      tree: commit.tree,
      parent: commit.parent[0],
    };
  }

  /** The tree entry at the plan's path in a commit's tree, if there is one. */
  async #entryAt(tree: string): Promise<TreeEntry | undefined> {
    let entry: TreeEntry | undefined;
    let oid = tree;
    for (const part of this.parts) {
      if (entry && entry.type !== 'tree') return undefined;
      entry = (await this.#tree(oid)).find(e => e.path === part);
      if (!entry) return undefined;
      oid = entry.oid;
    }
    return entry;
  }

  async #tree(oid: string): Promise<TreeEntry[]> {
    const known = this.#entries.get(oid);
    if (known) return known;
    const { tree } = await git.readTree({
      fs: this.fs,
      gitdir: this.gitdir,
      oid,
      cache: this.#cache,
    });
    if (this.#entries.size >= MAX_REMEMBERED_ENTRIES) this.#entries.clear();
    this.#entries.set(oid, tree);
    return tree;
  }

  async #version(
    commit: Commit,
    entry: TreeEntry | undefined,
  ): Promise<{ version: PlanVersion } | { skipped: SkippedPlanVersion }> {
    const { oid, committedAt } = commit;
    if (!entry) {
      return {
        skipped: {
          commit: oid,
          committedAt,
          reason: `${this.planPath} was deleted`,
        },
      };
    }
    if (entry.type !== 'blob' || !FILE_MODES.has(entry.mode)) {
      return {
        skipped: {
          commit: oid,
          committedAt,
          reason: `${this.planPath} is not a file in this commit`,
        },
      };
    }
    const { blob } = await git.readBlob({
      fs: this.fs,
      gitdir: this.gitdir,
      oid: entry.oid,
      cache: this.#cache,
    });
    return planVersionFromBytes({
      commit: oid,
      committedAt,
      author: commit.author,
      bytes: blob,
      maxPlanBytes: this.maxPlanBytes,
      what: this.planPath,
    });
  }
}
