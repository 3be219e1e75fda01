import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DraftCriterion,
  DraftRisk,
  LEVELS,
  OBJECT_KINDS,
  evaluatePlan,
  parsePlan,
  renderPlan,
} from '@dataplan/plugin-data-plan-common';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildPlanDraft } from '../project/buildPlanDraft';
import { enumField } from '../project/formFields';
import { validateProject } from '../project/validateProject';
import { enumValues } from './enumValues';
import { resolveTarget } from './resolveTarget';
import { examples } from './writePlan.examples';

const LEVEL_WORDS = `${LEVELS.slice(0, -1).join(', ')} or ${
  LEVELS[LEVELS.length - 1]
}`;

function text(
  field: string,
  value: unknown,
  required = false,
): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (required && !trimmed) throw new InputError(`${field}: is required`);
  return trimmed || undefined;
}

/**
 * Creates `dataplan:plan:write`: renders PLAN.md from the form's structured input, then
 * parses it back and fails the step if the plan has errors.
 *
 * @public
 */
export function createWritePlanAction() {
  return createTemplateAction({
    id: 'dataplan:plan:write',
    description:
      'Writes the implementation plan (PLAN.md) of a data project from structured input, and checks it parses without errors.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        targetPath: z =>
          z
            .string({
              description:
                'Folder inside the workspace for PLAN.md. Defaults to the workspace root.',
            })
            .optional(),
        database: z =>
          z.string({
            description: 'Snowflake database of every object, e.g. SALES_DB.',
          }),
        schemas: z =>
          z
            .record(z.string(), {
              description:
                'Schema per layer; defaults to the layer name in upper case.',
            })
            .optional(),
        layers: z =>
          z
            .array(z.string(), {
              description:
                'Layers in dependency order. Defaults to raw, transformation, consumption.',
            })
            .optional(),
        objects: z =>
          z.array(
            z.object({
              name: z.string({
                description:
                  'Object name, a Snowflake identifier without database and schema.',
              }),
              layer: z.string({ description: 'One of the layers.' }),
              kind: z.enum(enumValues(OBJECT_KINDS), {
                description: `One of ${OBJECT_KINDS.join(', ')}.`,
              }),
              dependencies: z
                .union([z.string(), z.array(z.string())], {
                  description:
                    'Other objects of the project it reads: `A, B` or a list.',
                })
                .optional(),
              definition: z
                .string({ description: 'What the object does.' })
                .optional(),
            }),
            { description: 'The Snowflake objects of the project.' },
          ),
        title: z =>
          z
            .string({ description: 'Project title, used in the summary.' })
            .optional(),
        description: z =>
          z.string({ description: 'Implementation summary.' }).optional(),
        projectId: z =>
          z
            .string({ description: 'Project ID for the metadata table.' })
            .optional(),
        planVersion: z =>
          z
            .string({ description: 'Plan version. Defaults to 1.0.0.' })
            .optional(),
        generatedBy: z =>
          z
            .string({
              description:
                "Author. Defaults to the initiating user's entity ref.",
            })
            .optional(),
        warehouseSize: z =>
          z
            .string({
              description:
                'Warehouse size for the resources table, e.g. X-SMALL.',
            })
            .optional(),
        risks: z =>
          z
            .array(
              z.object({
                risk: z.string(),
                probability: z.enum(enumValues(LEVELS), {
                  description: LEVEL_WORDS,
                }),
                impact: z.enum(enumValues(LEVELS), {
                  description: LEVEL_WORDS,
                }),
                mitigation: z.string().optional(),
              }),
            )
            .optional(),
        validation: z =>
          z
            .object(
              {
                technical: z
                  .array(
                    z.object({
                      criteria: z.string(),
                      measurement: z.string().optional(),
                      target: z.string().optional(),
                    }),
                  )
                  .optional(),
                business: z
                  .array(
                    z.object({
                      criteria: z.string(),
                      measurement: z.string().optional(),
                      target: z.string().optional(),
                    }),
                  )
                  .optional(),
              },
              {
                description:
                  "Validation targets; the template's defaults where left out.",
              },
            )
            .optional(),
        reviewers: z =>
          z
            .array(z.object({ name: z.string(), role: z.string().optional() }))
            .optional(),
      },
      output: {
        planPath: z =>
          z.string({ description: 'Path of PLAN.md inside the workspace.' }),
        objectCount: z =>
          z.number({ description: 'How many objects the plan holds.' }),
        deployOrder: z =>
          z.array(z.string(), {
            description: 'Qualified object names in deploy order.',
          }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const project = validateProject(input);
      const risks: DraftRisk[] = (input.risks ?? []).map((risk, i) => {
        const mitigation = text(`risks[${i}].mitigation`, risk.mitigation);
        return {
          risk: text(`risks[${i}].risk`, risk.risk, true)!,
          probability: enumField(
            `risks[${i}].probability`,
            risk.probability,
            LEVELS,
            LEVEL_WORDS,
          ),
          impact: enumField(
            `risks[${i}].impact`,
            risk.impact,
            LEVELS,
            LEVEL_WORDS,
          ),
          ...(mitigation ? { mitigation } : {}),
        };
      });
      const criteria = (
        section: 'technical' | 'business',
      ): DraftCriterion[] | undefined =>
        input.validation?.[section]?.map((c, i) => ({
          criteria: text(
            `validation.${section}[${i}].criteria`,
            c.criteria,
            true,
          )!,
          ...(text('', c.measurement)
            ? { measurement: c.measurement!.trim() }
            : {}),
          ...(text('', c.target) ? { target: c.target!.trim() } : {}),
        }));
      const reviewers = (input.reviewers ?? []).map((r, i) => ({
        name: text(`reviewers[${i}].name`, r.name, true)!,
        ...(text('', r.role) ? { role: r.role!.trim() } : {}),
      }));

      // The same timestamp on a re-run of the task, so the same plan.
      const generatedAt = await ctx.checkpoint({
        key: 'dataplan.plan.generatedAt',
        fn: async () => new Date().toISOString(),
      });
      const draft = buildPlanDraft(project, {
        title: text('title', input.title),
        description: text('description', input.description),
        projectId: text('projectId', input.projectId),
        planVersion: text('planVersion', input.planVersion),
        generatedBy: text('generatedBy', input.generatedBy) ?? ctx.user?.ref,
        generatedAt,
        warehouseSize: text('warehouseSize', input.warehouseSize),
        risks,
        validation: {
          technical: criteria('technical'),
          business: criteria('business'),
        },
        reviewers,
      });
      const markdown = renderPlan(draft);
      const plan = parsePlan(markdown);
      const errors = plan.diagnostics.filter(d => d.severity === 'error');
      if (errors.length) {
        throw new InputError(
          `The generated plan has errors:\n${errors
            .map(e => `  PLAN.md:${e.line ?? '-'} ${e.rule} ${e.message}`)
            .join('\n')}`,
        );
      }

      const target = resolveTarget(ctx.workspacePath, input.targetPath);
      const planFile = resolveSafeChildPath(target, 'PLAN.md');
      await mkdir(dirname(planFile), { recursive: true });
      await writeFile(planFile, markdown, 'utf8');
      const planPath = [input.targetPath, 'PLAN.md'].filter(Boolean).join('/');
      ctx.logger.info(
        `Wrote ${planPath}: ${plan.objects.length} objects, ${plan.diagnostics.length} diagnostics, no errors`,
      );
      ctx.output('planPath', planPath);
      ctx.output('objectCount', plan.objects.length);
      ctx.output(
        'deployOrder',
        evaluatePlan(plan).deployOrder.map(entry => entry.name),
      );
    },
  });
}
