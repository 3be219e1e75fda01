import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Write the plan of a three-layer sales project from the form',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'dataplan:plan:write',
          name: 'Write PLAN.md',
          input: {
            database: 'SALES_DB',
            layers: ['raw', 'transformation', 'consumption'],
            objects: [
              { name: 'ORDERS_RAW', layer: 'raw', kind: 'table' },
              {
                name: 'ORDERS_CLEAN',
                layer: 'transformation',
                kind: 'table',
                dependencies: 'ORDERS_RAW',
              },
              {
                name: 'DAILY_SALES',
                layer: 'consumption',
                kind: 'view',
                dependencies: ['ORDERS_CLEAN'],
              },
              {
                name: 'REFRESH_ORDERS',
                layer: 'transformation',
                kind: 'task',
                dependencies: 'ORDERS_CLEAN',
              },
            ],
            risks: [
              {
                risk: 'Late-arriving orders',
                probability: 'high',
                impact: 'high',
                mitigation: 'Reload the last three days nightly',
              },
            ],
            reviewers: [{ name: 'Alice Moreau', role: 'Platform Lead' }],
            warehouseSize: 'X-SMALL',
          },
        },
      ],
    }),
  },
  {
    description: 'Write the plan from the template form parameters',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'dataplan:plan:write',
          name: 'Write PLAN.md',
          input: {
            title: '${{ parameters.title }}',
            description: '${{ parameters.description }}',
            database: '${{ parameters.database }}',
            layers: '${{ parameters.layers }}',
            objects: '${{ parameters.objects }}',
            risks: '${{ parameters.risks }}',
            validation: '${{ parameters.validation }}',
            reviewers: '${{ parameters.reviewers }}',
          },
        },
      ],
    }),
  },
];
