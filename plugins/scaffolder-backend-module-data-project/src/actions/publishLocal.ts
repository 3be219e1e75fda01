import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readDataPlanPaths } from '@dataplan/plugin-data-plan-node';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { examples } from './publishLocal.examples';
import { resolveTarget } from './resolveTarget';

/** Marks a published folder with the task that made it, so that a re-run completes. */
export const TASK_MARKER = '.dataplan-task';

const FOLDER_NAME = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;

async function readEntity(path: string): Promise<Entity> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(
      `catalog-info.yaml does not exist in the workspace; fetch the skeleton first`,
    );
  }
  try {
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length) throw document.errors[0];
      const entity = document.toJSON() as Entity | null;
      if (entity?.kind && entity.metadata?.name) return entity;
    }
  } catch (error) {
    throw new InputError(
      `catalog-info.yaml is not valid YAML: ${(error as Error).message}`,
    );
  }
  throw new InputError(
    `catalog-info.yaml holds no entity with a kind and metadata.name`,
  );
}

/**
 * Creates `dataplan:publish:local`, the embedded default destination: the workspace becomes
 * `<dataPlan.workspaceDir>/<name>` with a git repository of one commit, and the step waits
 * until the catalog has the project's entity.
 *
 * @public
 */
export function createPublishLocalAction(options: {
  config: Config;
  catalog: CatalogService;
  /** How often to ask the catalog for the new entity. */
  pollIntervalMs?: number;
}) {
  const { config, catalog } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;

  return createTemplateAction({
    id: 'dataplan:publish:local',
    description:
      'Publishes the workspace to the local Dataplan workspace folder as a git repository, and waits until the catalog lists the new project.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'Folder name of the project, usually the component name.',
          }),
        sourcePath: z =>
          z
            .string({
              description:
                'Folder of the workspace to publish. Defaults to the workspace root.',
            })
            .optional(),
        waitSeconds: z =>
          z
            .number({
              description: 'How long to wait for the catalog. Defaults to 60.',
            })
            .optional(),
      },
      output: {
        path: z =>
          z.string({ description: 'Folder the project was published to.' }),
        remoteUrl: z =>
          z.string({ description: 'file:// URL of the project folder.' }),
        entityRef: z =>
          z.string({ description: "The project's entity in the catalog." }),
        commitSha: z =>
          z
            .string({ description: 'The commit of the new repository.' })
            .optional(),
      },
    },
    async handler(ctx) {
      const name = ctx.input.name?.trim() ?? '';
      if (!FOLDER_NAME.test(name)) {
        throw new InputError(
          `name: '${name}' is not a valid project folder name: lower-case letters, digits, '.', '_' and '-', at most 63 characters`,
        );
      }
      const waitSeconds = ctx.input.waitSeconds ?? 60;
      if (!(waitSeconds >= 0 && waitSeconds <= 600)) {
        throw new InputError(
          `waitSeconds: ${waitSeconds} is not between 0 and 600`,
        );
      }
      const source = resolveTarget(ctx.workspacePath, ctx.input.sourcePath);
      const entity = await readEntity(
        resolveSafeChildPath(source, 'catalog-info.yaml'),
      );
      const entityRef = stringifyEntityRef(entity);
      const { workspaceDir } = readDataPlanPaths(config);
      const target = resolveSafeChildPath(workspaceDir, name);
      const remoteUrl = pathToFileURL(target).toString();

      const existing = await readdir(target).catch(() => undefined);
      const marker = await readFile(
        resolveSafeChildPath(target, TASK_MARKER),
        'utf8',
      ).catch(() => undefined);
      if (existing?.length && marker?.trim() !== ctx.task.id) {
        throw new InputError(
          `name: ${target} already holds another project; choose another name or remove that folder`,
        );
      }

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would publish ${source} to ${target} and wait for ${entityRef}`,
        );
        ctx.output('path', target);
        ctx.output('remoteUrl', remoteUrl);
        ctx.output('entityRef', entityRef);
        return;
      }

      await mkdir(target, { recursive: true });
      // The marker is the claim: only one task can create it, so two tasks publishing the
      // same name at once cannot both write into the folder.
      const markerPath = resolveSafeChildPath(target, TASK_MARKER);
      await writeFile(markerPath, ctx.task.id, { flag: 'wx' }).catch(
        async error => {
          if (error?.code !== 'EEXIST') throw error;
          const owner = (await readFile(markerPath, 'utf8')).trim();
          if (owner !== ctx.task.id) {
            throw new InputError(
              `name: ${target} is being published by another task; choose another name`,
            );
          }
        },
      );
      await cp(source, target, { recursive: true, force: true });
      const gitignore = resolveSafeChildPath(target, '.gitignore');
      const ignored = await readFile(gitignore, 'utf8').catch(() => '');
      if (!ignored.split('\n').includes(TASK_MARKER)) {
        await writeFile(
          gitignore,
          `${ignored}${
            ignored && !ignored.endsWith('\n') ? '\n' : ''
          }${TASK_MARKER}\n`,
        );
      }

      const commitSha = await ctx.checkpoint({
        key: `dataplan.publish.git.${name}`,
        fn: async () => {
          await git.init({ fs, dir: target, defaultBranch: 'main' });
          await git.add({ fs, dir: target, filepath: '.' });
          const author = ctx.user?.entity?.spec?.profile as
            | { displayName?: string; email?: string }
            | undefined;
          return git.commit({
            fs,
            dir: target,
            message: `Create ${
              entity.metadata.title ?? entity.metadata.name
            } from the data-project template`,
            author: {
              name: author?.displayName ?? ctx.user?.ref ?? 'Dataplan',
              email: author?.email ?? 'dataplan@localhost',
            },
          });
        },
      });
      ctx.logger.info(
        `Published ${entityRef} to ${target} (commit ${commitSha.slice(0, 8)})`,
      );

      // waitSeconds 0: publish only, do not wait for the catalog.
      await ctx.checkpoint({
        key: `dataplan.publish.catalog.${entityRef}`,
        fn: async () => {
          if (waitSeconds === 0) return false;
          const credentials = await ctx.getInitiatorCredentials();
          const deadline = Date.now() + waitSeconds * 1000;
          for (;;) {
            if (await catalog.getEntityByRef(entityRef, { credentials }))
              return true;
            if (Date.now() >= deadline) {
              throw new Error(
                `The catalog has not listed ${entityRef} within ${waitSeconds}s; is @dataplan/plugin-catalog-backend-module-data-project installed and dataPlan.workspaceDir the same for both?`,
              );
            }
            await new Promise(resolve => setTimeout(resolve, pollIntervalMs));
          }
        },
      });
      ctx.output('path', target);
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('entityRef', entityRef);
      ctx.output('commitSha', commitSha);
    },
  });
}
