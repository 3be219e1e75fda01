import { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError, isError, NotAllowedError } from '@backstage/errors';
import { lstat, opendir, open, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { ResolvedPlanSource } from '../PlanReader';
import { ProjectFiles } from '@dataplan/plugin-data-plan-common';
import { isPathInsideRoots } from '@dataplan/plugin-data-plan-node';

/** What one project's reads cost, for logs and the benchmark. */
export interface ProjectFilesStats {
  /** Calls to the source control host (or the disk): the listing, then one per file read. */
  scmCalls: number;
  fileReads: number;
  bytesRead: number;
}

/** The project's files and what reading them has cost so far. */
export interface ReadableProjectFiles extends ProjectFiles {
  readonly stats: ProjectFilesStats;
  /**
   * The listing's ETag once listed, on a host that gives one (the tree's commit): a later
   * `filesOf` with it lists nothing when the tree is unchanged (`NotModifiedError`).
   */
  listingEtag(): string | undefined;
}

/** Reads data projects' files: those of the entity's folder, where its plan is held. */
export interface ProjectFilesReader {
  filesOf(
    source: ResolvedPlanSource,
    options?: { signal?: AbortSignal; etag?: string },
  ): ReadableProjectFiles;
}

/** Characters a folder URL may not hold: the reader's search would read them as a pattern. */
const GLOB_CHARACTERS = /[*?[\]{}!]/;

/** The caps of one project's reads. */
interface Caps {
  /** Files listed at most: the listing is cut there, before any content is read. */
  maxFiles: number;
  /** Bytes read at most over all of a project's files. */
  maxBytes: number;
}

const decoder = new TextDecoder('utf-8');

function byteBudget(
  caps: Caps,
  stats: ProjectFilesStats,
  path: string,
  size: number,
) {
  if (stats.bytesRead + size > caps.maxBytes) {
    throw new InputError(
      `Reading ${path} would go over the ${caps.maxBytes}-byte limit of a project's files (dataPlan.repository.maxBytes)`,
    );
  }
}

/** The files of a plan's folder on a source control host, through the UrlReader's search. */
class UrlProjectFiles implements ReadableProjectFiles {
  readonly stats: ProjectFilesStats = {
    scmCalls: 0,
    fileReads: 0,
    bytesRead: 0,
  };
  #listing?: Promise<{
    paths: string[];
    truncated: boolean;
    files: Map<string, () => Promise<Buffer>>;
  }>;
  #etag?: string;

  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly folder: URL,
    private readonly caps: Caps,
    private readonly options: { signal?: AbortSignal; etag?: string } = {},
  ) {}

  listingEtag() {
    return this.#etag;
  }

  list() {
    this.#listing ??= this.#list();
    return this.#listing.then(({ paths, truncated }) => ({ paths, truncated }));
  }

  async #list() {
    if (GLOB_CHARACTERS.test(decodeURIComponent(this.folder.pathname))) {
      throw new InputError(
        `The project's folder ${
          this.folder.href
        } has a name with a pattern character (${'*?[]{}!'}), which cannot be listed`,
      );
    }
    this.stats.scmCalls++;
    const response = await this.urlReader.search(`${this.folder.href}**`, {
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      ...(this.options.etag ? { etag: this.options.etag } : {}),
    });
    this.#etag = response.etag || undefined;
    const base = this.folder.pathname;
    const files = new Map<string, () => Promise<Buffer>>();
    for (const file of response.files) {
      let pathname;
      try {
        pathname = new URL(file.url).pathname;
      } catch {
        continue; // not a URL: not a file of this folder
      }
      if (!pathname.startsWith(base)) continue;
      let path = pathname.slice(base.length);
      try {
        path = decodeURIComponent(path);
      } catch {
        // Kept as listed: the rules report a path they cannot read.
      }
      if (path) files.set(path, file.content);
    }
    const all = [...files.keys()].sort();
    const truncated = all.length > this.caps.maxFiles;
    const paths = truncated ? all.slice(0, this.caps.maxFiles) : all;
    if (truncated) {
      for (const path of all.slice(this.caps.maxFiles)) files.delete(path);
    }
    return { paths, truncated, files };
  }

  async readText(path: string): Promise<string | undefined> {
    this.#listing ??= this.#list();
    const content = (await this.#listing).files.get(path);
    if (!content) return undefined;
    this.stats.scmCalls++;
    this.stats.fileReads++;
    const bytes = await content();
    byteBudget(this.caps, this.stats, path, bytes.length);
    this.stats.bytesRead += bytes.length;
    return decoder.decode(bytes);
  }
}

/** Folders a local listing never walks into: no project file lives there. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/**
 * The files of a plan's folder on disk: walked without following symbolic links, inside the
 * plan roots after realpath, and each file read only if it is still a regular file there.
 */
class LocalProjectFiles implements ReadableProjectFiles {
  readonly stats: ProjectFilesStats = {
    scmCalls: 0,
    fileReads: 0,
    bytesRead: 0,
  };
  #listing?: Promise<{ paths: string[]; truncated: boolean; root: string }>;

  constructor(
    private readonly folder: string,
    private readonly planRoots: string[],
    private readonly caps: Caps,
  ) {}

  listingEtag() {
    return undefined; // a walk of the disk is its own check
  }

  list() {
    this.#listing ??= this.#list();
    return this.#listing.then(({ paths, truncated }) => ({ paths, truncated }));
  }

  async #root(): Promise<string> {
    const root = await realpath(this.folder).catch(() => {
      throw new InputError(`The project's folder cannot be listed`);
    });
    const roots = await Promise.all(
      this.planRoots.map(r => realpath(r).catch(() => r)),
    );
    if (!isPathInsideRoots(root, roots)) {
      throw new NotAllowedError(
        `The project's folder is outside the folders plans may be read from (dataPlan.planRoots)`,
      );
    }
    return root;
  }

  async #list() {
    const root = await this.#root();
    this.stats.scmCalls++;
    const paths: string[] = [];
    const pending = [root];
    let truncated = false;
    while (pending.length > 0 && !truncated) {
      const dir = pending.pop()!;
      let entries;
      try {
        entries = await opendir(dir);
      } catch {
        continue; // gone or unreadable: its files are not listed
      }
      for await (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
        } else if (entry.isFile()) {
          if (paths.length === this.caps.maxFiles) {
            truncated = true;
            break;
          }
          paths.push(relative(root, path).split(sep).join(posix.sep));
        }
      }
    }
    return { paths: paths.sort(), truncated, root };
  }

  async readText(path: string): Promise<string | undefined> {
    this.#listing ??= this.#list();
    const listing = await this.#listing;
    if (!listing.paths.includes(path)) return undefined;
    const absolute = join(listing.root, ...path.split(posix.sep));
    // Listed as a regular file inside the root; opened without following a link made since.
    const info = await lstat(absolute);
    if (!info.isFile()) return undefined;
    byteBudget(this.caps, this.stats, path, info.size);
    this.stats.fileReads++;
    this.stats.scmCalls++;
    const handle = await open(
      absolute,
      constants.O_RDONLY | constants.O_NOFOLLOW,
    );
    try {
      const bytes = await handle.readFile();
      byteBudget(this.caps, this.stats, path, bytes.length);
      this.stats.bytesRead += bytes.length;
      return decoder.decode(bytes);
    } finally {
      await handle.close();
    }
  }
}

/** {@link ProjectFilesReader} over the backend's UrlReader and the plan roots on disk. */
export class DefaultProjectFilesReader implements ProjectFilesReader {
  static create(options: {
    urlReader: UrlReaderService;
    planRoots: string[];
    maxFiles: number;
    maxBytes: number;
  }): DefaultProjectFilesReader {
    return new DefaultProjectFilesReader(options);
  }

  private constructor(
    private readonly options: Parameters<
      typeof DefaultProjectFilesReader.create
    >[0],
  ) {}

  filesOf(
    source: ResolvedPlanSource,
    options?: { signal?: AbortSignal; etag?: string },
  ): ReadableProjectFiles {
    const caps = {
      maxFiles: this.options.maxFiles,
      maxBytes: this.options.maxBytes,
    };
    if (source.type === 'url') {
      return new UrlProjectFiles(
        this.options.urlReader,
        new URL(source.folder),
        caps,
        options,
      );
    }
    return new LocalProjectFiles(source.folder, this.options.planRoots, caps);
  }
}

/** Whether an error is one a project's own files caused (shown on the project), not the backend's. */
export function isProjectFilesError(error: unknown): boolean {
  return (
    isError(error) &&
    ['InputError', 'NotAllowedError', 'NotFoundError'].includes(error.name)
  );
}
