import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A catalog-info.yaml larger than this is skipped: a project descriptor is a few KB. */
const MAX_DESCRIPTOR_BYTES = 1024 * 1024;

function isEntity(value: unknown): value is Entity {
  const entity = value as Entity;
  return (
    !!entity &&
    typeof entity === 'object' &&
    typeof entity.apiVersion === 'string' &&
    typeof entity.kind === 'string' &&
    typeof entity.metadata?.name === 'string'
  );
}

/**
 * Provides the entities of the data projects in the local workspace folder: every
 * `<workspace>/<project>/catalog-info.yaml`. A full mutation on each scan, so that a project
 * removed from the folder leaves the catalog too. Symbolic links are not followed.
 *
 * @public
 */
export class DataProjectWorkspaceProvider implements EntityProvider {
  readonly #workspaceDir: string;
  readonly #logger: LoggerService;
  #connection: EntityProviderConnection | undefined;

  /** A provider of the projects in `workspaceDir` (absolute); it scans when told to. */
  static create(options: { workspaceDir: string; logger: LoggerService }) {
    return new DataProjectWorkspaceProvider(
      options.workspaceDir,
      options.logger,
    );
  }

  private constructor(workspaceDir: string, logger: LoggerService) {
    this.#workspaceDir = workspaceDir;
    this.#logger = logger;
  }

  /** The provider's name in the catalog: `dataplan-workspace`. */
  getProviderName(): string {
    return 'dataplan-workspace';
  }

  /** Called by the catalog with the connection that the scans hand entities to. */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
  }

  /** Reads the workspace folder and hands its entities to the catalog. */
  async scan(): Promise<{ projects: number; entities: number }> {
    if (!this.#connection) {
      throw new Error(
        'DataProjectWorkspaceProvider is not connected to the catalog yet',
      );
    }
    const entities: DeferredEntity[] = [];
    let projects = 0;
    const folders = await readdir(this.#workspaceDir, {
      withFileTypes: true,
    }).catch(error => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const folder of folders) {
      if (!folder.isDirectory() || folder.name.startsWith('.')) continue;
      const descriptor = join(
        this.#workspaceDir,
        folder.name,
        'catalog-info.yaml',
      );
      const read = await this.#read(descriptor);
      if (!read.length) continue;
      projects++;
      for (const entity of read) {
        entities.push({
          entity,
          locationKey: `dataplan-workspace:${folder.name}`,
        });
      }
    }
    await this.#connection.applyMutation({ type: 'full', entities });
    return { projects, entities: entities.length };
  }

  async #read(path: string): Promise<Entity[]> {
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile()) return [];
    if (info.size > MAX_DESCRIPTOR_BYTES) {
      this.#logger.warn(
        `Skipping ${path}: ${info.size} bytes is more than a project descriptor holds`,
      );
      return [];
    }
    const entities: Entity[] = [];
    try {
      for (const document of parseAllDocuments(await readFile(path, 'utf8'))) {
        if (document.errors.length) throw document.errors[0];
        const value = document.toJSON();
        if (value === null || value === undefined) continue;
        if (!isEntity(value)) {
          this.#logger.warn(
            `Skipping a document of ${path}: it has no apiVersion, kind and metadata.name`,
          );
          continue;
        }
        const location = `file:${path}`;
        entities.push({
          ...value,
          metadata: {
            ...value.metadata,
            annotations: {
              ...value.metadata.annotations,
              [ANNOTATION_LOCATION]: location,
              [ANNOTATION_ORIGIN_LOCATION]: location,
            },
          },
        });
      }
    } catch (error) {
      this.#logger.warn(`Skipping ${path}: ${(error as Error).message}`);
      return [];
    }
    return entities;
  }
}
