/**
 * The source control host of the repository cycles: one repository per data project at
 * `https://scm.bench.invalid/bench/<name>/blob/main/`, holding that project's plan (from
 * disk, as the bench wrote it) and the files of the sample project it was made from. It
 * answers as an ETag-aware host does (a search or read with the current ETag throws
 * NotModifiedError) and counts every call made to it: the figures of the repository
 * cycles come from these counters, not from what the plugin says it did.
 */
import {
  UrlReaderService,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';

/** `.invalid` never resolves: nothing of the bench can reach a real host. */
export const SCM_HOST = 'scm.bench.invalid';
const OWNER = 'bench';
const BRANCH = 'main';

/** The URL of `path` in the repository of project `name`. */
export function scmUrl(name: string, path: string): string {
  return `https://${SCM_HOST}/${OWNER}/${name}/blob/${BRANCH}/${path}`;
}

/** What the host was asked, by kind of call. */
export interface ScmCounts {
  /** `search` calls: listings of a folder (the repository check's tree reads). */
  search: number;
  /** `readUrl` calls: single files read by URL (the refresh's plan and waiver reads). */
  readUrl: number;
  /** `readUrl` calls answered NotModified. */
  readUrlNotModified: number;
  /** `search` calls answered NotModified. */
  searchNotModified: number;
  /** Contents of listed files read (`content()` of a search result). */
  fileReads: number;
  /** `readTree` calls. */
  readTree: number;
}

/** What the host serves: the bench's projects, each from a sample folder. */
export interface ScmManifest {
  /** Folder of `<name>/PLAN.md`, the plans as the bench wrote them. */
  plansDir: string;
  /** Project name to the sample folder whose other files its repository holds. */
  projects: Record<string, string>;
}

const SKIPPED = new Set(['.git', 'node_modules', 'PLAN.md']);

function walk(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile())
        files.set(
          relative(root, path).split(sep).join(posix.sep),
          readFileSync(path),
        );
    }
  }
  return files;
}

const hash = (text: string) => createHash('sha1').update(text).digest('hex');

/** {@link UrlReaderService} over the bench's repositories, counting each call. */
export class BenchScm implements UrlReaderService {
  readonly counts: ScmCounts = {
    search: 0,
    readUrl: 0,
    readUrlNotModified: 0,
    searchNotModified: 0,
    fileReads: 0,
    readTree: 0,
  };
  readonly #plansDir: string;
  readonly #samples = new Map<string, Map<string, Buffer>>();
  readonly #projects: Map<string, string>;

  constructor(manifest: ScmManifest) {
    this.#plansDir = manifest.plansDir;
    this.#projects = new Map(Object.entries(manifest.projects));
    for (const sample of new Set(this.#projects.values())) {
      this.#samples.set(sample, walk(sample));
    }
  }

  /** The project and path a URL names, or NotFoundError. */
  #locate(url: string): { name: string; path: string } {
    const parsed = new URL(url);
    const prefix = `/${OWNER}/`;
    if (parsed.host !== SCM_HOST || !parsed.pathname.startsWith(prefix)) {
      throw new NotAllowedError(`${url} is not on ${SCM_HOST}`);
    }
    const [name, blob, branch, ...rest] = parsed.pathname
      .slice(prefix.length)
      .split('/');
    if (!this.#projects.has(name) || blob !== 'blob' || branch !== BRANCH) {
      throw new NotFoundError(`${url} not found`);
    }
    return { name, path: decodeURIComponent(rest.join('/')) };
  }

  /** The tree's ETag, as a host's commit: changes when the plan (the one file that does) changes. */
  async #treeEtag(name: string): Promise<string> {
    const info = await stat(join(this.#plansDir, name, 'PLAN.md'));
    return hash(`${this.#projects.get(name)}:${info.size}:${info.mtimeMs}`);
  }

  async #file(name: string, path: string): Promise<Buffer | undefined> {
    if (path === 'PLAN.md') {
      return readFile(join(this.#plansDir, name, 'PLAN.md'));
    }
    return this.#samples.get(this.#projects.get(name)!)!.get(path);
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    this.counts.readUrl++;
    const { name, path } = this.#locate(url);
    const bytes = await this.#file(name, path);
    if (!bytes) throw new NotFoundError(`${url} not found`);
    const etag = hash(`${await this.#treeEtag(name)}:${path}`);
    if (options?.etag === etag) {
      this.counts.readUrlNotModified++;
      throw new NotModifiedError();
    }
    return { buffer: async () => bytes, etag };
  }

  async search(
    url: string,
    options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    this.counts.search++;
    if (!url.endsWith('/**')) {
      throw new NotAllowedError(`The bench host lists folders only: ${url}`);
    }
    const { name, path } = this.#locate(url.slice(0, -2));
    const etag = await this.#treeEtag(name);
    if (options?.etag === etag) {
      this.counts.searchNotModified++;
      throw new NotModifiedError();
    }
    const paths = [
      'PLAN.md',
      ...this.#samples.get(this.#projects.get(name)!)!.keys(),
    ].filter(p => p.startsWith(path));
    return {
      etag,
      files: paths.map(p => ({
        url: scmUrl(name, p),
        content: async () => {
          this.counts.fileReads++;
          return (await this.#file(name, p))!;
        },
      })),
    };
  }

  async readTree(): Promise<UrlReaderServiceReadTreeResponse> {
    this.counts.readTree++;
    throw new NotAllowedError('The bench host serves no trees');
  }
}
