import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the new project to the local workspace and wait for the catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'dataplan:publish:local',
          name: 'Publish to the local workspace',
          input: { name: 'sales-orders', waitSeconds: 60 },
        },
      ],
    }),
  },
];
