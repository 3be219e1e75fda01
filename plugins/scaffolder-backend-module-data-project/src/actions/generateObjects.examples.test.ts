import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { existsSync } from 'node:fs';
import yaml from 'yaml';
import { createGenerateObjectsAction } from './generateObjects';
import { examples } from './generateObjects.examples';
import { createWritePlanAction } from './writePlan';
import { examples as planExamples } from './writePlan.examples';

describe('dataplan:objects:generate examples', () => {
  const workspace = createMockDirectory();

  it('runs the example after the plan example, as a template would', async () => {
    const planStep = yaml.parse(planExamples[0].example).steps[0];
    await createWritePlanAction().handler(
      createMockActionContext({
        input: planStep.input,
        workspacePath: workspace.path,
      }),
    );
    const step = yaml.parse(examples[0].example).steps[0];
    const action = createGenerateObjectsAction();
    expect(step.action).toBe(action.id);
    await action.handler(
      createMockActionContext({
        input: step.input,
        workspacePath: workspace.path,
      }),
    );
    expect(existsSync(workspace.resolve('deploy/rollback.sql'))).toBe(true);
  });
});
