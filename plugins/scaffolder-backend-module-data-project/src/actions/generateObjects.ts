import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  evaluatePlan,
  isUnquotedIdentifier,
  parsePlan,
  unitTestFilePath,
  unsafePathReason,
} from '@dataplan/plugin-data-plan-common';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  backupScript,
  deployScript,
  objectDdl,
  placedObjects,
  rollbackScript,
  unitTestSql,
  validateScript,
} from '../project/sqlStubs';
import { examples } from './generateObjects.examples';
import { resolveTarget } from './resolveTarget';

/** Writes a file unless one is already there: the same content is kept, other content is never clobbered. */
async function writeIfAbsent(
  path: string,
  content: string,
): Promise<'written' | 'same' | 'kept'> {
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  if (existing === undefined) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, { encoding: 'utf8', flag: 'wx' });
    return 'written';
  }
  return existing === content ? 'same' : 'kept';
}

/**
 * Creates `dataplan:objects:generate`: from the workspace's PLAN.md, a Snowflake DDL stub
 * and a unit test stub per object, the deploy, validate, backup and rollback scripts in
 * dependency order, and the folder of the plan's Backup Location (6.3).
 *
 * @public
 */
export function createGenerateObjectsAction() {
  return createTemplateAction({
    id: 'dataplan:objects:generate',
    description:
      'Generates SQL stubs for every object of PLAN.md, a unit test stub per object, deploy/deploy.sql, validate.sql, backup.sql and rollback.sql in dependency order, and the folder of the Backup Location (6.3).',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        targetPath: z =>
          z
            .string({
              description:
                'Project folder inside the workspace. Defaults to the workspace root.',
            })
            .optional(),
        planPath: z =>
          z
            .string({
              description:
                'Plan path inside the project folder. Defaults to PLAN.md.',
            })
            .optional(),
        warehouse: z =>
          z
            .string({
              description:
                'Warehouse that runs the tasks. Defaults to COMPUTE_WH.',
            })
            .optional(),
        schedule: z =>
          z
            .string({
              description: "Schedule of the tasks. Defaults to '60 MINUTE'.",
            })
            .optional(),
      },
      output: {
        files: z =>
          z.array(z.string(), {
            description: 'Files written, relative to the project folder.',
          }),
        kept: z =>
          z.array(z.string(), {
            description:
              'Files already there with other content, left untouched.',
          }),
      },
    },
    async handler(ctx) {
      const warehouse = ctx.input.warehouse?.trim() || 'COMPUTE_WH';
      if (!isUnquotedIdentifier(warehouse)) {
        throw new InputError(
          `warehouse: '${warehouse}' is not a valid Snowflake identifier`,
        );
      }
      const schedule = ctx.input.schedule?.trim() || '60 MINUTE';
      if (
        !/^(\d+ MINUTE|USING CRON [0-9*/,\- ]+ [A-Za-z_/]+)$/i.test(schedule)
      ) {
        throw new InputError(
          `schedule: '${schedule}' is neither 'N MINUTE' nor 'USING CRON … TIMEZONE'`,
        );
      }
      const root = resolveTarget(ctx.workspacePath, ctx.input.targetPath);
      const planPath = ctx.input.planPath ?? 'PLAN.md';
      let planFile: string;
      try {
        planFile = resolveSafeChildPath(root, planPath);
      } catch {
        throw new InputError(
          `planPath: '${planPath}' points outside the project folder`,
        );
      }
      const text = await readFile(planFile, 'utf8').catch(() => {
        throw new InputError(
          `planPath: ${planPath} does not exist in the workspace; run dataplan:plan:write first`,
        );
      });
      const plan = parsePlan(text);
      const errors = plan.diagnostics.filter(d => d.severity === 'error');
      if (errors.length) {
        throw new InputError(
          `${planPath} has errors:\n${errors
            .map(e => `  ${planPath}:${e.line ?? '-'} ${e.rule} ${e.message}`)
            .join('\n')}`,
        );
      }
      const objects = placedObjects(plan, evaluatePlan(plan));
      const options = { warehouse, schedule };
      const contents = new Map<string, string>();
      for (const object of objects) {
        contents.set(object.file, objectDdl(object, options));
        contents.set(unitTestFilePath(object), unitTestSql(object));
      }
      contents.set('deploy/deploy.sql', deployScript(objects));
      contents.set('deploy/validate.sql', validateScript(objects));
      contents.set('deploy/backup.sql', backupScript(objects));
      contents.set('deploy/rollback.sql', rollbackScript(objects));
      // The folder of 6.3's Backup Location, which the repository checks look for.
      let location = plan.rollback.backupLocation ?? '';
      while (location.endsWith('/')) location = location.slice(0, -1);
      if (location && !unsafePathReason(location)) {
        contents.set(`${location}/.gitkeep`, '');
      }

      const files: string[] = [];
      const kept: string[] = [];
      for (const [path, content] of contents) {
        const outcome = await writeIfAbsent(
          resolveSafeChildPath(root, path),
          content,
        );
        if (outcome === 'kept') {
          kept.push(path);
          ctx.logger.warn(
            `${path} already exists with other content; left untouched`,
          );
        } else {
          files.push(path);
        }
      }
      ctx.logger.info(
        `Generated ${files.length} files for ${objects.length} objects${
          kept.length ? `, kept ${kept.length}` : ''
        }`,
      );
      ctx.output('files', files);
      ctx.output('kept', kept);
    },
  });
}
