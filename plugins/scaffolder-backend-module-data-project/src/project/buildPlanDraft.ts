import {
  DraftCriterion,
  DraftRisk,
  DraftStep,
  OBJECT_KINDS,
  ObjectKind,
  PlanDraft,
  PlanReviewer,
  kindDirectory,
  objectDirectory,
  unitTestFilePath,
} from '@dataplan/plugin-data-plan-common';
import { ProjectObject, ValidatedProject } from './validateProject';

/** The rest of the form: what the plan says besides its objects. */
export interface PlanDetails {
  title?: string;
  description?: string;
  projectId?: string;
  planVersion?: string;
  generatedBy?: string;
  /** ISO timestamp of generation. */
  generatedAt: string;
  effort?: { storyPoints?: number; hours?: number };
  warehouseSize?: string;
  risks?: DraftRisk[];
  validation?: { technical?: DraftCriterion[]; business?: DraftCriterion[] };
  reviewers?: Array<{ name: string; role?: string }>;
}

/** The warehouse size of the resources table when the form leaves it out. */
export const DEFAULT_WAREHOUSE_SIZE = 'X-SMALL';

/** The template's own validation targets, used when the form leaves them out. */
export const DEFAULT_VALIDATION: Required<
  NonNullable<PlanDetails['validation']>
> = {
  technical: [
    {
      criteria: 'Object Creation',
      measurement: 'Count of successful creates',
      target: '100%',
    },
    {
      criteria: 'Test Pass Rate',
      measurement: 'Percentage of passing tests',
      target: '100%',
    },
    {
      criteria: 'Performance',
      measurement: 'Query execution time',
      target: '< 5s',
    },
    {
      criteria: 'Data Quality',
      measurement: 'Failed validation rules',
      target: '0',
    },
  ],
  business: [
    {
      criteria: 'Requirement Coverage',
      measurement: '% of spec requirements met',
      target: '100%',
    },
    {
      criteria: 'Data Accuracy',
      measurement: 'Sample validation accuracy',
      target: '100%',
    },
    {
      criteria: 'Timeliness',
      measurement: 'Data freshness',
      target: '< 1 hour',
    },
  ],
};

const KIND_TITLE: Record<ObjectKind, string> = {
  table: 'Table',
  view: 'View',
  task: 'Task',
  procedure: 'Procedure',
};

const UNIT_CHECK: Record<ObjectKind, string> = {
  table: 'exists with its columns and loads rows',
  view: 'compiles and returns rows',
  task: 'is scheduled on its warehouse',
  procedure: 'runs and returns without error',
};

const DEPLOY_CHECK: Record<ObjectKind, string> = {
  table: 'Row count check',
  view: 'Query execution test',
  task: 'Dry run execution',
  procedure: 'Parameter validation',
};

function step(object: ProjectObject): DraftStep {
  return {
    title: `${KIND_TITLE[object.kind]} ${object.name}`,
    objects: [
      {
        name: object.qualifiedName,
        file: object.file,
        ...(object.definition ? { definition: object.definition } : {}),
        dependencies: object.dependencies,
      },
    ],
    files: [],
    commands: [],
  };
}

function capitalised(text: string) {
  return text[0].toUpperCase() + text.slice(1);
}

/**
 * The plan of a new data project in the template's structure: the layered layout first,
 * baseline tables and views of the first layer, then the other layers' tables and views,
 * then tasks and procedures; a unit test per object; deploy and rollback scripts; the
 * form's risks, validation targets and reviewers.
 */
export function buildPlanDraft(
  project: ValidatedProject,
  details: PlanDetails,
): PlanDraft {
  const [firstLayer] = project.layers;
  const isAutomation = (o: ProjectObject) =>
    o.kind === 'task' || o.kind === 'procedure';
  const baseline = project.objects.filter(
    o => o.layer === firstLayer && !isAutomation(o),
  );
  const core = project.objects.filter(
    o => o.layer !== firstLayer && !isAutomation(o),
  );
  const automation = project.objects.filter(isAutomation);
  const date = details.generatedAt.slice(0, 10);
  const version = details.planVersion ?? '1.0.0';
  const tables = project.objects.filter(o => o.kind === 'table');

  const sequence = [];
  for (const kind of ['table', 'view', 'task', 'procedure'] as ObjectKind[]) {
    for (const layer of project.layers) {
      if (project.objects.some(o => o.kind === kind && o.layer === layer)) {
        sequence.push({
          order: sequence.length + 1,
          objectType: `${KIND_TITLE[kind]}s`,
          layer: capitalised(layer),
          validationStep: DEPLOY_CHECK[kind],
        });
      }
    }
  }

  const reviewers: PlanReviewer[] = (details.reviewers ?? []).map(r => ({
    name: r.name,
    ...(r.role ? { role: r.role } : {}),
    status: 'PENDING' as const,
  }));

  return {
    metadata: {
      ...(details.projectId ? { projectId: details.projectId } : {}),
      planVersion: version,
      generatedDate: `${date} ${details.generatedAt.slice(11, 16)} UTC`,
      ...(details.generatedBy ? { generatedBy: details.generatedBy } : {}),
      ...(details.effort && Object.keys(details.effort).length
        ? { effort: details.effort }
        : {}),
      status: 'DRAFT',
    },
    overview: {
      summary:
        details.description ??
        `${details.title ?? 'This project'}: ${
          project.objects.length
        } Snowflake objects in the ${project.layers.join(', ')} layers of ${
          project.database
        }.`,
      technicalSuccess: [
        'All objects created in correct directories',
        'All tests pass',
        'No breaking changes to existing systems',
      ],
      businessSuccess: [
        'Requirements from spec met',
        'Data quality standards achieved',
        'Performance targets met',
      ],
    },
    layers: project.layers,
    phases: [
      {
        title: 'Foundation Setup',
        steps: [
          {
            title: 'Directory Creation',
            objects: [],
            files: project.layers.flatMap(layer =>
              OBJECT_KINDS.map(kind => `${objectDirectory(layer, kind)}/`),
            ),
            // The same folders as one brace expansion.
            commands: [
              `mkdir -p src/{${project.layers.join(',')}}/{${OBJECT_KINDS.map(
                kindDirectory,
              ).join(',')}}`,
            ],
          },
          ...baseline.map(step),
        ],
      },
      ...(core.length
        ? [{ title: 'Core Implementation', steps: core.map(step) }]
        : []),
      ...(automation.length
        ? [{ title: 'Automation', steps: automation.map(step) }]
        : []),
    ],
    tests: [
      ...project.objects.map(o => ({
        category: 'unit' as const,
        name: `${o.name} ${UNIT_CHECK[o.kind]}`,
        file: unitTestFilePath(o),
        validations: [`${o.qualifiedName} ${UNIT_CHECK[o.kind]}`],
      })),
      {
        category: 'integration' as const,
        name: 'Layers connect end to end',
        file: 'tests/integration/end_to_end.sql',
        validations: [
          `Rows loaded into ${project.layers[0]} reach ${
            project.layers[project.layers.length - 1]
          }`,
        ],
      },
      {
        category: 'validation' as const,
        name: 'Data quality rules hold',
        file: 'tests/validation/data_quality.sql',
        validations: ['No failed validation rule'],
      },
    ],
    testSequence: [
      'Unit tests (all layers)',
      'Integration tests',
      'Data validation tests',
      'Performance tests',
    ],
    deployment: {
      sequence,
      scripts: [
        {
          script: 'deploy/deploy.sql',
          purpose: 'Create all objects in correct order',
          validation: 'deploy/validate.sql',
        },
      ],
    },
    rollback: {
      triggers: [
        'Any test failure',
        'Data loss detected',
        'Breaking existing functionality',
      ],
      scenarios: [
        {
          description: 'Deployment fails or breaks downstream objects',
          steps: [
            'Suspend the project tasks',
            'Run deploy/rollback.sql: drop new objects in reverse deploy order',
            'Restore tables from the clones deploy/backup.sql made',
          ],
          commands: tables.map(
            t =>
              `CREATE OR REPLACE TABLE ${t.qualifiedName} CLONE ${t.qualifiedName}_BACKUP;`,
          ),
        },
      ],
      backupSteps: [
        'Backup existing objects',
        'Export current data samples',
        'Document current state',
      ],
      backupLocation: `backups/${date}/${version}/`,
    },
    validation: {
      technical: details.validation?.technical?.length
        ? details.validation.technical
        : DEFAULT_VALIDATION.technical,
      business: details.validation?.business?.length
        ? details.validation.business
        : DEFAULT_VALIDATION.business,
    },
    resources: [
      {
        resource: 'Warehouse',
        size: details.warehouseSize ?? DEFAULT_WAREHOUSE_SIZE,
        duration: '30 minutes',
        purpose: 'Development',
      },
      {
        resource: 'Warehouse',
        size: details.warehouseSize ?? DEFAULT_WAREHOUSE_SIZE,
        duration: '2 hours',
        purpose: 'Testing',
      },
    ],
    contextManagement: {
      maxContextUsage: '40%',
      strategy: [
        'Break implementation into phases',
        'Clear context between major steps',
        'Restart with progress context',
      ],
    },
    risks: details.risks ?? [],
    contingencies: [
      {
        trigger: 'If Snowflake errors occur',
        actions: ['Log error details', 'Execute rollback plan'],
      },
    ],
    approvals: { reviewers, execution: { approved: false } },
  };
}
