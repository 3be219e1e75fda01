import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DEFAULT_LAYERS,
  dataProjectDirectories,
} from '@dataplan/plugin-data-plan-common';
import { mkdir, writeFile } from 'node:fs/promises';
import { checkLayerList } from '../project/formFields';
import { examples } from './createLayout.examples';
import { resolveTarget } from './resolveTarget';

/**
 * Creates `dataplan:layout:create`: the layered folder structure of a data project.
 *
 * @public
 */
export function createLayoutAction() {
  return createTemplateAction({
    id: 'dataplan:layout:create',
    description:
      'Creates the layered structure of a data project: src/<layer>/{tables,views,tasks,procedures}, tests, deploy and backups.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        layers: z =>
          z
            .array(z.string(), {
              description: `Layers in dependency order. Defaults to ${DEFAULT_LAYERS.join(
                ', ',
              )}.`,
            })
            .optional(),
        targetPath: z =>
          z
            .string({
              description:
                'Folder inside the workspace to create the structure in. Defaults to the workspace root.',
            })
            .optional(),
      },
      output: {
        directories: z =>
          z.array(z.string(), {
            description: 'Every folder of the layout, relative to targetPath.',
          }),
      },
    },
    async handler(ctx) {
      const layers = ctx.input.layers ?? [...DEFAULT_LAYERS];
      if (layers.length === 0) {
        throw new InputError('layers: name at least one layer');
      }
      checkLayerList(layers);

      const root = resolveTarget(ctx.workspacePath, ctx.input.targetPath);
      const directories = dataProjectDirectories(layers);
      for (const dir of directories) {
        const absolute = resolveSafeChildPath(root, dir);
        await mkdir(absolute, { recursive: true });
        // Git keeps no empty folders; the marker keeps the layout once published.
        // The 'wx' flag leaves a file that is already there untouched on a re-run.
        await writeFile(resolveSafeChildPath(absolute, '.gitkeep'), '', {
          flag: 'wx',
        }).catch(error => {
          if (error?.code !== 'EEXIST') throw error;
        });
      }
      ctx.logger.info(
        `Created the ${layers.join(', ')} layout: ${
          directories.length
        } folders`,
      );
      ctx.output('directories', directories);
    },
  });
}
