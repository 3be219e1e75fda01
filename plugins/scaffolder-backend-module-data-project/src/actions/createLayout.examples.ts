import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Create the default raw, transformation and consumption layout at the workspace root',
    example: yaml.stringify({
      steps: [
        {
          id: 'layout',
          action: 'dataplan:layout:create',
          name: 'Create the layered structure',
          input: {},
        },
      ],
    }),
  },
  {
    description: 'Create a layout with the layers chosen in the form',
    example: yaml.stringify({
      steps: [
        {
          id: 'layout',
          action: 'dataplan:layout:create',
          name: 'Create the layered structure',
          input: {
            layers: ['bronze', 'silver', 'gold'],
            targetPath: 'project',
          },
        },
      ],
    }),
  },
];
