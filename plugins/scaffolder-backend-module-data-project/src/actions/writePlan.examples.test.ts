import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parsePlan } from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import yaml from 'yaml';
import { createWritePlanAction } from './writePlan';
import { examples } from './writePlan.examples';

describe('dataplan:plan:write examples', () => {
  const workspace = createMockDirectory();

  it('runs the first example as documented', async () => {
    const step = yaml.parse(examples[0].example).steps[0];
    const action = createWritePlanAction();
    expect(step.action).toBe(action.id);
    await action.handler(
      createMockActionContext({
        input: step.input,
        workspacePath: workspace.path,
      }),
    );
    const plan = parsePlan(readFileSync(workspace.resolve('PLAN.md'), 'utf8'));
    expect(plan.objects).toHaveLength(step.input.objects.length);
  });

  it('passes every form parameter in the template example', () => {
    const step = yaml.parse(examples[1].example).steps[0];
    expect(
      Object.values(step.input).every(v =>
        /^\$\{\{ parameters\.\w+ \}\}$/.test(String(v)),
      ),
    ).toBe(true);
  });
});
