import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  CustomErrorBase,
  InputError,
  isError,
  NotAllowedError,
} from '@backstage/errors';
import { lstat, opendir, open, realpath, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { ResolvedPlanSource } from '../PlanReader';
import {
  ProjectFileError,
  ProjectFiles,
  unsafePathReason,
} from '@dataplan/plugin-data-plan-common';
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
  /** Entries listed at most (files, and folders on disk): past it the listing is truncated. */
  maxFiles: number;
  /** Bytes read at most over all of a project's files. */
  maxBytes: number;
  /** Bytes of one file; a larger one is not read. */
  maxFileBytes: number;
}

const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

const decoder = new TextDecoder('utf-8');

/**
 * A listing that cannot be right: it lacks the plan the project was found by. Checking
 * against it would report every file missing.
 */
export class IncompleteListingError extends CustomErrorBase {
  name = 'IncompleteListingError' as const;
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function isMissing(error: unknown): boolean {
  return code(error) === 'ENOENT' || code(error) === 'ENOTDIR';
}

/** Refuses, before anything is read, a file the byte caps leave no room for. */
function spend(caps: Caps, stats: ProjectFilesStats, path: string, size = 0) {
  if (size > caps.maxFileBytes) {
    throw new ProjectFileError(
      `${path} is larger than ${caps.maxFileBytes} bytes`,
    );
  }
  if (
    stats.bytesRead >= caps.maxBytes ||
    stats.bytesRead + size > caps.maxBytes
  ) {
    throw new ProjectFileError(
      `${caps.maxBytes} bytes (dataPlan.repository.maxBytes)`,
      'budget',
    );
  }
}

/** The listing must hold the plan itself: else it is wrong, not the project empty. */
function holdsPlan(planPath: string | undefined, has: boolean) {
  if (planPath !== undefined && !has) {
    throw new IncompleteListingError(
      `The listing of the project's files does not hold its plan ${JSON.stringify(
        planPath,
      )}: it cannot be right, so the project is not checked against it`,
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
    /** Every listed file, past the cap too: its name answers whether it exists. */
    files: Map<string, () => Promise<Buffer>>;
  }>;
  #etag?: string;

  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly folder: URL,
    private readonly plan: URL | undefined,
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

  /** A URL's path below the folder, decoded; undefined when it is not below it. */
  #below(url: URL): string | undefined {
    const base = this.folder.pathname;
    if (!url.pathname.startsWith(base)) return undefined;
    const path = url.pathname.slice(base.length);
    try {
      return decodeURIComponent(path);
    } catch {
      return path; // kept as listed: the rules report a path they cannot read
    }
  }

  async #list() {
    if (this.folder.search || this.folder.hash) {
      // A host that carries the path in the query (Azure DevOps' `?path=`) has no
      // folder URL a search pattern can end: refused, rather than listed empty.
      throw new InputError(
        `The project's folder ${this.folder.href} carries its path in the URL's query or fragment, which the repository check cannot list; check a repository whose folder URLs end in the path`,
      );
    }
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
    const files = new Map<string, () => Promise<Buffer>>();
    for (const file of response.files) {
      let url;
      try {
        url = new URL(file.url);
      } catch {
        continue; // not a URL: not a file of this folder
      }
      const path = this.#below(url);
      if (path) files.set(path, file.content);
    }
    const planPath = this.plan && this.#below(this.plan);
    holdsPlan(planPath, planPath === undefined || files.has(planPath));
    const all = [...files.keys()].sort();
    const truncated = all.length > this.caps.maxFiles;
    const paths = truncated ? all.slice(0, this.caps.maxFiles) : all;
    return { paths, truncated, files };
  }

  async exists(path: string): Promise<boolean> {
    this.#listing ??= this.#list();
    return (await this.#listing).files.has(path);
  }

  async readText(path: string): Promise<string | undefined> {
    this.#listing ??= this.#list();
    const content = (await this.#listing).files.get(path);
    if (!content) return undefined;
    // The host gives no size before the content: the budget left is checked first.
    spend(this.caps, this.stats, path);
    this.stats.scmCalls++;
    this.stats.fileReads++;
    let bytes;
    try {
      bytes = await content();
    } catch (error) {
      if (isError(error) && error.name === 'NotFoundError') return undefined;
      throw error; // a rate limit or a failing host fails the check
    }
    spend(this.caps, this.stats, path, bytes.length);
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
  #listing?: Promise<{
    paths: string[];
    names: ReadonlySet<string>;
    truncated: boolean;
    root: string;
  }>;

  constructor(
    private readonly folder: string,
    private readonly plan: string | undefined,
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
    let root;
    try {
      root = await realpath(this.folder);
    } catch (error) {
      if (!isMissing(error)) throw error;
      throw new InputError(`The project's folder does not exist`);
    }
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
    let entries = 0;
    let truncated = false;
    while (pending.length > 0 && !truncated) {
      const dir = pending.pop()!;
      let folder;
      try {
        folder = await opendir(dir);
      } catch (error) {
        // Gone since its parent was listed: it holds nothing. Any other failure would
        // leave files out, so the listing fails.
        if (dir !== root && isMissing(error)) continue;
        throw error;
      }
      // Folders count against the cap as files do: a tree of empty ones is no way round it.
      for await (const entry of folder) {
        if (++entries > this.caps.maxFiles) {
          truncated = true;
          break;
        }
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
        } else if (entry.isFile()) {
          paths.push(relative(root, path).split(sep).join(posix.sep));
        }
      }
    }
    paths.sort();
    const listing = { paths, names: new Set(paths), truncated, root };
    const planPath =
      this.plan === undefined
        ? undefined
        : relative(this.folder, this.plan).split(sep).join(posix.sep);
    holdsPlan(
      planPath,
      planPath === undefined ||
        listing.names.has(planPath) ||
        (truncated && (await this.#isFile(root, planPath))),
    );
    return listing;
  }

  /** Whether a path not listed is a regular file inside the root. */
  async #isFile(root: string, path: string): Promise<boolean> {
    if (unsafePathReason(path)) return false;
    const absolute = join(root, ...path.split(posix.sep));
    try {
      const info = await lstat(absolute);
      return (
        info.isFile() && isPathInsideRoots(await realpath(absolute), [root])
      );
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    this.#listing ??= this.#list();
    const listing = await this.#listing;
    if (listing.names.has(path)) return true;
    return listing.truncated && this.#isFile(listing.root, path);
  }

  async readText(path: string): Promise<string | undefined> {
    this.#listing ??= this.#list();
    const listing = await this.#listing;
    // Past a truncated listing a file may exist unlisted: read with the same care.
    if (!listing.names.has(path) && !listing.truncated) return undefined;
    const problem = unsafePathReason(path);
    if (problem)
      throw new ProjectFileError(`${JSON.stringify(path)} ${problem}`);
    const absolute = join(listing.root, ...path.split(posix.sep));
    let info;
    try {
      info = await lstat(absolute);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    if (info.isDirectory()) return undefined;
    if (!info.isFile()) {
      throw new ProjectFileError(`${path} is not a regular file`);
    }
    spend(this.caps, this.stats, path, info.size);
    this.stats.fileReads++;
    this.stats.scmCalls++;
    let handle;
    try {
      // No link followed, and a FIFO swapped in since is refused by its stat, not waited on.
      handle = await open(
        absolute,
        constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
      );
    } catch (error) {
      if (isMissing(error)) return undefined;
      if (code(error) === 'ELOOP') {
        throw new ProjectFileError(`${path} is a symbolic link`);
      }
      throw error;
    }
    try {
      const opened = await handle.stat();
      if (!opened.isFile()) {
        throw new ProjectFileError(`${path} is not a regular file`);
      }
      spend(this.caps, this.stats, path, opened.size);
      // A folder on the way swapped for a link since the walk: the file opened is not
      // the one inside the root.
      const real = await realpath(absolute);
      const there = await stat(real);
      if (
        !isPathInsideRoots(real, [listing.root]) ||
        there.dev !== opened.dev ||
        there.ino !== opened.ino
      ) {
        throw new ProjectFileError(`${path} leads out of the project's folder`);
      }
      // Bounded by its size when opened: a file that grew since is not read on.
      const buffer = Buffer.alloc(opened.size + 1);
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(
          buffer,
          length,
          buffer.length - length,
          length,
        );
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > opened.size) {
        throw new ProjectFileError(`${path} changed while it was read`);
      }
      this.stats.bytesRead += length;
      return decoder.decode(buffer.subarray(0, length));
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
    /** Bytes of one file; a larger one is an `unreadable-file` finding. Default 4 MiB. */
    maxFileBytes?: number;
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
      maxFileBytes: this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    };
    if (source.type === 'url') {
      let plan;
      try {
        plan = new URL(source.location);
      } catch {
        plan = undefined; // no URL: the listing is not held against it
      }
      return new UrlProjectFiles(
        this.options.urlReader,
        new URL(source.folder),
        plan,
        caps,
        options,
      );
    }
    return new LocalProjectFiles(
      source.folder,
      source.location,
      this.options.planRoots,
      caps,
    );
  }
}

/** Whether an error is one a project's own files caused (shown on the project), not the backend's. */
export function isProjectFilesError(error: unknown): boolean {
  return (
    isError(error) &&
    ['InputError', 'NotAllowedError', 'NotFoundError'].includes(error.name)
  );
}
