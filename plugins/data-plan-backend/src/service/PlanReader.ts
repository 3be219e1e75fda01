import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import {
  InputError,
  isError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  DATA_PLAN_ANNOTATION,
  DATA_PLAN_WAIVERS_ANNOTATION,
  getDataPlanPath,
  getDataPlanWaiversPath,
  MAX_WAIVERS_BYTES,
} from '@dataplan/plugin-data-plan-common';
import {
  AllowedPlanLocation,
  isPathInsideRoots,
} from '@dataplan/plugin-data-plan-node';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { PlanSource } from '../database/DataPlanStore';
import { decodePlanText, decodeWaiversText } from './decodePlanText';
import {
  isUrlAllowed,
  isUrlInsideFolder,
  planPathProblem,
} from './planLocation';

/** A plan's source with the entity's folder, which the plan must stay inside. */
export interface ResolvedPlanSource extends PlanSource {
  /** The folder URL, or the absolute folder path, of the entity's descriptor. */
  folder: string;
}

/** What a read found: the plan text, or that it is unchanged since `previous`. */
export type PlanReadResult =
  | { status: 'unchanged'; etag?: string }
  | { status: 'read'; text: string; etag?: string; contentHash: string };

/** What a read of a waiver file found: as a plan's read, or that there is no such file. */
export type WaiversReadResult = PlanReadResult | { status: 'missing' };

/** Reads data projects' plans, and their waiver files, from their sources. */
export interface PlanReader {
  /** Where the entity's plan is; an InputError or NotAllowedError says why it cannot be read. */
  resolveSource(entity: Entity): Promise<ResolvedPlanSource>;
  /** Reads the plan, skipping it when the ETag or the content hash shows it unchanged. */
  read(
    source: ResolvedPlanSource,
    previous?: { etag?: string; contentHash?: string },
  ): Promise<PlanReadResult>;
  /**
   * Where the entity's waiver file is (see `getDataPlanWaiversPath`), held inside the
   * entity's folder as its plan is; an InputError or NotAllowedError says why not.
   */
  resolveWaiversSource(entity: Entity): Promise<ResolvedPlanSource>;
  /**
   * Reads the waiver file as `read` reads a plan (contained the same way, up to
   * `MAX_WAIVERS_BYTES`); a file that does not exist is `missing`.
   */
  readWaivers(
    source: ResolvedPlanSource,
    previous?: { etag?: string; contentHash?: string },
  ): Promise<WaiversReadResult>;
}

/** What is read: the path's name and annotation in messages, its limits and decoding. */
interface ReadKind {
  /** `Plan path`, as messages name the path. */
  label: string;
  annotation: string;
  /** `a plan`, as messages name the content. */
  noun: string;
  maxBytes: number;
  decode(bytes: Uint8Array, what: string, expectedBytes?: number): string;
  /** Whether a file that does not exist is `missing` rather than an error. */
  mayBeMissing: boolean;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Collects a stream, failing as soon as it passes `maxBytes`. */
async function collect(
  stream: Readable,
  maxBytes: number,
  what: string,
  noun: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new InputError(
        `${what} is larger than the ${maxBytes}-byte limit for ${noun}`,
      );
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** The annotation value as messages quote it: at most 200 characters. */
function quote(path: string): string {
  return `'${path.length > 200 ? `${path.slice(0, 200)}…` : path}'`;
}

/**
 * {@link PlanReader} over Backstage's UrlReader for URL locations, and the file system
 * below the configured plan roots for entities registered from file locations. A plan is
 * read only from the folder of the entity's `backstage.io/managed-by-location`, which the
 * catalog sets, or from a place the operator allows in `dataPlan.allowedPlanLocations`.
 */
export class DefaultPlanReader implements PlanReader {
  static create(options: {
    urlReader: UrlReaderService;
    integrations: ScmIntegrationRegistry;
    planRoots: string[];
    maxPlanBytes: number;
    /** Local paths in messages are shown relative to this folder (`dataPlan.rootDir`). */
    rootDir?: string;
    /** URLs outside an entity's folder that plans may still be read from. */
    allowedPlanLocations?: AllowedPlanLocation[];
    /** A read that takes longer fails, so one slow source cannot stall a refresh cycle. */
    readTimeoutMs?: number;
  }) {
    return new DefaultPlanReader(
      options.urlReader,
      options.integrations,
      options.planRoots,
      options.maxPlanBytes,
      options.rootDir,
      options.allowedPlanLocations ?? [],
      options.readTimeoutMs ?? 30_000,
    );
  }

  readonly #plan: ReadKind;
  readonly #waivers: ReadKind;

  private constructor(
    private readonly urlReader: UrlReaderService,
    private readonly integrations: ScmIntegrationRegistry,
    private readonly planRoots: string[],
    maxPlanBytes: number,
    private readonly rootDir: string | undefined,
    private readonly allowedPlanLocations: AllowedPlanLocation[],
    private readonly readTimeoutMs: number,
  ) {
    this.#plan = {
      label: 'Plan path',
      annotation: DATA_PLAN_ANNOTATION,
      noun: 'a plan',
      maxBytes: maxPlanBytes,
      decode: decodePlanText,
      mayBeMissing: false,
    };
    this.#waivers = {
      label: 'Waiver file path',
      annotation: DATA_PLAN_WAIVERS_ANNOTATION,
      noun: 'a waiver file',
      maxBytes: MAX_WAIVERS_BYTES,
      decode: decodeWaiversText,
      mayBeMissing: true,
    };
  }

  resolveSource(entity: Entity): Promise<ResolvedPlanSource> {
    return this.#resolve(entity, getDataPlanPath(entity), this.#plan);
  }

  resolveWaiversSource(entity: Entity): Promise<ResolvedPlanSource> {
    return this.#resolve(entity, getDataPlanWaiversPath(entity), this.#waivers);
  }

  async #resolve(
    entity: Entity,
    path: string,
    kind: ReadKind,
  ): Promise<ResolvedPlanSource> {
    const managedBy = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    // Not backstage.io/source-location: the entity's author sets that one, and could point
    // it, and the backend's integration credentials, at any repository.
    if (!managedBy) {
      throw new InputError(
        `The entity has no ${ANNOTATION_LOCATION}: nowhere to read ${quote(
          path,
        )} from (${ANNOTATION_SOURCE_LOCATION} is not used for plans)`,
      );
    }
    let location;
    try {
      location = parseLocationRef(managedBy);
    } catch {
      throw new InputError(
        `${ANNOTATION_LOCATION} is not a location reference of the form type:target`,
      );
    }
    if (location.type === 'url') {
      return this.#resolveUrl(path, location.target, kind);
    }
    if (location.type === 'file') {
      return this.#resolveFile(path, location.target, kind);
    }
    throw new InputError(
      `Location type '${location.type}' of ${ANNOTATION_LOCATION} is not supported for plans`,
    );
  }

  #outsideFolder(
    kind: ReadKind,
    path: string,
    folder: string,
    problem?: string,
  ): NotAllowedError {
    return new NotAllowedError(
      `${kind.label} ${quote(
        path,
      )} must be a relative path inside the entity's folder ${folder} (annotation ${
        kind.annotation
      }${
        problem ? `, which ${problem}` : ''
      }; the folder is that of ${ANNOTATION_LOCATION})`,
    );
  }

  #resolveUrl(
    path: string,
    descriptor: string,
    kind: ReadKind,
  ): ResolvedPlanSource {
    let folder;
    try {
      // The folder the catalog's placeholder processor also treats as the entity's own.
      folder = this.integrations.resolveUrl({ url: './', base: descriptor });
    } catch {
      throw new InputError(`${ANNOTATION_LOCATION} is not a valid URL`);
    }
    const problem = planPathProblem(path);
    if (problem) throw this.#outsideFolder(kind, path, folder, problem);
    let url;
    try {
      url = this.integrations.resolveUrl({ url: path, base: descriptor });
    } catch {
      throw this.#outsideFolder(kind, path, folder);
    }
    if (
      !isUrlInsideFolder(url, folder) &&
      !isUrlAllowed(url, this.allowedPlanLocations)
    ) {
      throw this.#outsideFolder(kind, path, folder);
    }
    // The URL as the checks above saw it (normalised), so that what is read is what passed.
    return { type: 'url', location: new URL(url).href, path, folder };
  }

  async #resolveFile(
    path: string,
    descriptor: string,
    kind: ReadKind,
  ): Promise<ResolvedPlanSource> {
    if (!isAbsolute(descriptor)) {
      throw new InputError(
        `${ANNOTATION_LOCATION} names a file location that is not an absolute path`,
      );
    }
    // A location naming a folder is that folder; one naming a descriptor, its folder.
    const namesFolder =
      descriptor.endsWith('/') ||
      (await stat(descriptor).then(
        info => info.isDirectory(),
        () => false,
      ));
    const folder = namesFolder ? resolve(descriptor) : dirname(descriptor);
    const problem = planPathProblem(path);
    if (problem) {
      throw this.#outsideFolder(kind, path, this.#showFolder(folder), problem);
    }
    const location = resolve(folder, path);
    if (
      /^[a-z][a-z0-9+.-]*:/i.test(path) ||
      !isPathInsideRoots(location, [folder]) ||
      location === folder
    ) {
      throw this.#outsideFolder(kind, path, this.#showFolder(folder));
    }
    return { type: 'file', location, path, folder };
  }

  /** The base a local path is shown relative to: `dataPlan.rootDir`, else its plan root. */
  #baseOf(path: string): string | undefined {
    return [...(this.rootDir ? [this.rootDir] : []), ...this.planRoots].find(
      base => isPathInsideRoots(path, [base]),
    );
  }

  /** An entity's folder as messages show it, never absolute. */
  #showFolder(folder: string): string {
    const base = this.#baseOf(folder);
    return base === undefined
      ? '(a folder outside dataPlan.rootDir and the plan roots)'
      : `${relative(base, folder) || '.'}/`;
  }

  /** A local plan path as messages show it, never absolute. */
  #showPath(path: string, folder: string): string {
    const base = this.#baseOf(path) ?? folder;
    return relative(base, path) || '.';
  }

  #show(source: ResolvedPlanSource): string {
    return source.type === 'url'
      ? source.location
      : this.#showPath(source.location, source.folder);
  }

  read(
    source: ResolvedPlanSource,
    previous?: { etag?: string; contentHash?: string },
  ): Promise<PlanReadResult> {
    return this.#read(source, previous, this.#plan) as Promise<PlanReadResult>;
  }

  readWaivers(
    source: ResolvedPlanSource,
    previous?: { etag?: string; contentHash?: string },
  ): Promise<WaiversReadResult> {
    return this.#read(source, previous, this.#waivers);
  }

  async #read(
    source: ResolvedPlanSource,
    previous: { etag?: string; contentHash?: string } | undefined,
    kind: ReadKind,
  ): Promise<WaiversReadResult> {
    const signal = AbortSignal.timeout(this.readTimeoutMs);
    const timedOut = new Promise<never>((_, reject) =>
      signal.addEventListener(
        'abort',
        () =>
          reject(
            new ServiceUnavailableError(
              `Reading ${this.#show(source)} timed out after ${
                this.readTimeoutMs
              } ms`,
            ),
          ),
        { once: true },
      ),
    );
    try {
      // The signal stops readers that honour it; the race stops waiting for those that do not.
      return await Promise.race([
        source.type === 'url'
          ? this.#readUrl(source.location, previous, signal, kind)
          : this.#readFile(source, previous, kind),
        timedOut,
      ]);
    } catch (error) {
      // A system error names the absolute path; say what failed on the shown one.
      if (source.type === 'file' && isError(error) && 'syscall' in error) {
        throw new InputError(
          `${this.#show(source)} cannot be read (${
            (error as NodeJS.ErrnoException).code ?? error.name
          })`,
        );
      }
      throw error;
    }
  }

  async #readUrl(
    url: string,
    previous: { etag?: string; contentHash?: string } | undefined,
    signal: AbortSignal,
    kind: ReadKind,
  ): Promise<WaiversReadResult> {
    let response;
    try {
      response = await this.urlReader.readUrl(url, {
        signal,
        ...(previous?.etag ? { etag: previous.etag } : {}),
      });
    } catch (error) {
      if (isError(error) && error.name === 'NotModifiedError') {
        return { status: 'unchanged', etag: previous?.etag };
      }
      if (
        kind.mayBeMissing &&
        isError(error) &&
        error.name === 'NotFoundError'
      ) {
        return { status: 'missing' };
      }
      throw error;
    }
    const buffer = response.stream
      ? await collect(
          response.stream() as Readable,
          kind.maxBytes,
          url,
          kind.noun,
        )
      : await response.buffer();
    if (buffer.length > kind.maxBytes) {
      throw new InputError(
        `${url} is larger than the ${kind.maxBytes}-byte limit for ${kind.noun}`,
      );
    }
    const text = kind.decode(buffer, url);
    const hash = contentHash(text);
    if (!response.etag && previous?.contentHash === hash) {
      return { status: 'unchanged' };
    }
    return { status: 'read', text, etag: response.etag, contentHash: hash };
  }

  async #readFile(
    source: ResolvedPlanSource,
    previous: { contentHash?: string } | undefined,
    kind: ReadKind,
  ): Promise<WaiversReadResult> {
    const path = source.location;
    const shown = this.#show(source);
    // Symbolic links resolved first: a link inside the folder may point anywhere.
    const real = await realpath(path).catch(error => {
      if (error.code === 'ENOENT') {
        if (kind.mayBeMissing) return undefined;
        throw new InputError(`${shown} does not exist`);
      }
      throw error;
    });
    if (real === undefined) return { status: 'missing' };
    const folder = await realpath(source.folder).catch(() => source.folder);
    if (!isPathInsideRoots(real, [folder])) {
      throw new NotAllowedError(
        `${shown} leads outside the entity's folder ${this.#showFolder(
          source.folder,
        )} through a symbolic link`,
      );
    }
    const roots = await Promise.all(
      this.planRoots.map(root => realpath(root).catch(() => root)),
    );
    if (!isPathInsideRoots(real, roots)) {
      throw new NotAllowedError(
        `${shown} is outside the folders plans may be read from (dataPlan.planRoots)`,
      );
    }
    const info = await stat(real);
    if (!info.isFile()) throw new InputError(`${shown} is not a file`);
    if (info.size > kind.maxBytes) {
      throw new InputError(
        `${shown} is larger than the ${kind.maxBytes}-byte limit for ${kind.noun}`,
      );
    }
    const text = kind.decode(
      await collect(createReadStream(real), kind.maxBytes, shown, kind.noun),
      shown,
      info.size,
    );
    const hash = contentHash(text);
    if (previous?.contentHash === hash) return { status: 'unchanged' };
    return { status: 'read', text, contentHash: hash };
  }
}
