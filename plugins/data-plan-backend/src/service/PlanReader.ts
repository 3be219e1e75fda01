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
import { getDataPlanPath } from '@dataplan/plugin-data-plan-common';
import { isPathInsideRoots } from '@dataplan/plugin-data-plan-node';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { PlanSource } from '../database/DataPlanStore';

/** What a read found: the plan text, or that it is unchanged since `previous`. */
export type PlanReadResult =
  | { status: 'unchanged'; etag?: string }
  | { status: 'read'; text: string; etag?: string; contentHash: string };

/** Reads data projects' plans from their sources. */
export interface PlanReader {
  /** Where the entity's plan is; an InputError or NotAllowedError says why it cannot be read. */
  resolveSource(entity: Entity): Promise<PlanSource>;
  /** Reads the plan, skipping it when the ETag or the content hash shows it unchanged. */
  read(
    source: PlanSource,
    previous?: { etag?: string; contentHash?: string },
  ): Promise<PlanReadResult>;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Collects a stream, failing as soon as it passes `maxBytes`. */
async function collect(
  stream: Readable,
  maxBytes: number,
  what: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new InputError(
        `${what} is larger than the ${maxBytes}-byte limit for a plan`,
      );
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * {@link PlanReader} over Backstage's UrlReader for URL locations, and the file system
 * below the configured plan roots for entities registered from file locations.
 */
export class DefaultPlanReader implements PlanReader {
  static create(options: {
    urlReader: UrlReaderService;
    integrations: ScmIntegrationRegistry;
    planRoots: string[];
    maxPlanBytes: number;
    /** A read that takes longer fails, so one slow source cannot stall a refresh cycle. */
    readTimeoutMs?: number;
  }) {
    return new DefaultPlanReader(
      options.urlReader,
      options.integrations,
      options.planRoots,
      options.maxPlanBytes,
      options.readTimeoutMs ?? 30_000,
    );
  }

  private constructor(
    private readonly urlReader: UrlReaderService,
    private readonly integrations: ScmIntegrationRegistry,
    private readonly planRoots: string[],
    private readonly maxPlanBytes: number,
    private readonly readTimeoutMs: number,
  ) {}

  async resolveSource(entity: Entity): Promise<PlanSource> {
    const path = getDataPlanPath(entity);
    const annotations = entity.metadata.annotations ?? {};
    const sourceLocation = annotations[ANNOTATION_SOURCE_LOCATION];
    const managedBy = annotations[ANNOTATION_LOCATION];

    const base = sourceLocation ?? managedBy;
    if (!base) {
      throw new InputError(
        `The entity has neither ${ANNOTATION_SOURCE_LOCATION} nor ${ANNOTATION_LOCATION}: nowhere to read ${path} from`,
      );
    }
    // The plan lives in the entity's own folder: otherwise one entity could show another's
    // plan, or one the backend's integration token may read but its readers may not.
    if (
      isAbsolute(path) ||
      path.startsWith('\\') ||
      /^[a-z][a-z0-9+.-]*:/i.test(path) ||
      path.split(/[\\/]/).includes('..')
    ) {
      throw new NotAllowedError(
        `Plan path '${path}' must be a relative path inside the entity's folder, without '..'`,
      );
    }
    const { type, target } = parseLocationRef(base);
    if (type === 'url') {
      // A source location names a folder; a managed-by location names the descriptor file.
      return {
        type: 'url',
        location: this.integrations.resolveUrl({ url: path, base: target }),
        path,
      };
    }
    if (type === 'file') {
      return { type: 'file', location: resolve(dirname(target), path), path };
    }
    throw new InputError(
      `Location type '${type}' of ${base} is not supported for plans`,
    );
  }

  async read(
    source: PlanSource,
    previous?: { etag?: string; contentHash?: string },
  ): Promise<PlanReadResult> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new ServiceUnavailableError(
            `Reading ${source.location} timed out after ${this.readTimeoutMs} ms`,
          ),
        );
      }, this.readTimeoutMs);
    });
    try {
      // The signal stops readers that honour it; the race stops waiting for those that do not.
      return await Promise.race([
        source.type === 'url'
          ? this.#readUrl(source.location, previous, controller.signal)
          : this.#readFile(source.location, previous),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #readUrl(
    url: string,
    previous: { etag?: string; contentHash?: string } | undefined,
    signal: AbortSignal,
  ): Promise<PlanReadResult> {
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
      throw error;
    }
    const buffer = response.stream
      ? await collect(response.stream() as Readable, this.maxPlanBytes, url)
      : await response.buffer();
    if (buffer.length > this.maxPlanBytes) {
      throw new InputError(
        `${url} is larger than the ${this.maxPlanBytes}-byte limit for a plan`,
      );
    }
    const text = buffer.toString('utf8');
    const hash = contentHash(text);
    if (!response.etag && previous?.contentHash === hash) {
      return { status: 'unchanged' };
    }
    return { status: 'read', text, etag: response.etag, contentHash: hash };
  }

  async #readFile(
    path: string,
    previous?: { contentHash?: string },
  ): Promise<PlanReadResult> {
    // Symbolic links resolved first: a link inside a root may point anywhere.
    const real = await realpath(path).catch(error => {
      if (error.code === 'ENOENT')
        throw new InputError(`${path} does not exist`);
      throw error;
    });
    const roots = await Promise.all(
      this.planRoots.map(root => realpath(root).catch(() => root)),
    );
    if (!isPathInsideRoots(real, roots)) {
      throw new NotAllowedError(
        `${path} is outside the folders plans may be read from (dataPlan.planRoots)`,
      );
    }
    const info = await stat(real);
    if (!info.isFile()) throw new InputError(`${path} is not a file`);
    if (info.size > this.maxPlanBytes) {
      throw new InputError(
        `${path} is larger than the ${this.maxPlanBytes}-byte limit for a plan`,
      );
    }
    const text = (
      await collect(createReadStream(real), this.maxPlanBytes, path)
    ).toString('utf8');
    const hash = contentHash(text);
    if (previous?.contentHash === hash) return { status: 'unchanged' };
    return { status: 'read', text, contentHash: hash };
  }
}
