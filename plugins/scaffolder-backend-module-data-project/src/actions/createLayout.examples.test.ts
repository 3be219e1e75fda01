import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { existsSync } from 'node:fs';
import yaml from 'yaml';
import { createLayoutAction } from './createLayout';
import { examples } from './createLayout.examples';

describe('dataplan:layout:create examples', () => {
  const workspace = createMockDirectory();
  const action = createLayoutAction();

  beforeEach(() => workspace.clear());

  it.each(examples.map((example, index) => [index, example.description]))(
    'example %i (%s) runs as documented',
    async index => {
      const step = yaml.parse(examples[index as number].example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({
        input: step.input,
        workspacePath: workspace.path,
      });

      await action.handler(ctx);

      const target = step.input.targetPath ?? '.';
      const firstLayer = step.input.layers?.[0] ?? 'raw';
      expect(
        existsSync(workspace.resolve(target, `src/${firstLayer}/tables`)),
      ).toBe(true);
      expect(ctx.output).toHaveBeenCalledWith('directories', expect.any(Array));
    },
  );
});
