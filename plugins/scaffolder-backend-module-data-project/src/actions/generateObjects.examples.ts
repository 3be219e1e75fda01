import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Generate SQL stubs, unit tests and deploy scripts from the PLAN.md that dataplan:plan:write wrote',
    example: yaml.stringify({
      steps: [
        {
          id: 'objects',
          action: 'dataplan:objects:generate',
          name: 'Generate SQL stubs and scripts',
          input: { warehouse: 'TRANSFORM_XS', schedule: '15 MINUTE' },
        },
      ],
    }),
  },
];
