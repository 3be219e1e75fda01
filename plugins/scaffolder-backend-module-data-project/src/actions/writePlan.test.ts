import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  LEVELS,
  OBJECT_KINDS,
  evaluatePlan,
  parsePlan,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import yaml from 'yaml';
import { createWritePlanAction } from './writePlan';
import { examples } from './writePlan.examples';

describe('dataplan:plan:write', () => {
  const workspace = createMockDirectory();
  const action = createWritePlanAction();
  const input = yaml.parse(examples[0].example).steps[0].input;

  beforeEach(() => workspace.clear());

  function context(overrides: Record<string, unknown> = {}) {
    return createMockActionContext({
      input: { ...input, ...overrides },
      workspacePath: workspace.path,
      user: { ref: 'user:default/guest' },
    });
  }

  it("takes its kinds and levels from common's lists", () => {
    type Properties = Record<string, { enum?: string[] }>;
    const schema = action.schema!.input as {
      properties: Record<string, { items: { properties: Properties } }>;
    };
    const object = schema.properties.objects.items.properties;
    const risk = schema.properties.risks.items.properties;
    expect(object.kind.enum).toEqual([...OBJECT_KINDS]);
    expect(risk.probability.enum).toEqual([...LEVELS]);
    expect(risk.impact.enum).toEqual([...LEVELS]);
  });

  it('writes a plan that parses without errors and holds what the form said', async () => {
    const ctx = context();
    await action.handler(ctx);

    const plan = parsePlan(readFileSync(workspace.resolve('PLAN.md'), 'utf8'));
    expect(plan.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    expect(plan.metadata).toMatchObject({
      status: 'DRAFT',
      planVersion: '1.0.0',
      generatedBy: 'user:default/guest',
    });
    expect(plan.layers).toEqual(['raw', 'transformation', 'consumption']);
    expect(plan.objects.map(o => [o.name, o.layer, o.kind, o.file])).toEqual([
      [
        'SALES_DB.RAW.ORDERS_RAW',
        'raw',
        'table',
        'src/raw/tables/orders_raw.sql',
      ],
      [
        'SALES_DB.TRANSFORMATION.ORDERS_CLEAN',
        'transformation',
        'table',
        'src/transformation/tables/orders_clean.sql',
      ],
      [
        'SALES_DB.CONSUMPTION.DAILY_SALES',
        'consumption',
        'view',
        'src/consumption/views/daily_sales.sql',
      ],
      [
        'SALES_DB.TRANSFORMATION.REFRESH_ORDERS',
        'transformation',
        'task',
        'src/transformation/tasks/refresh_orders.sql',
      ],
    ]);
    expect(plan.phases.map(p => p.title)).toEqual([
      'Foundation Setup',
      'Core Implementation',
      'Automation',
    ]);
    expect(
      plan.tests.filter(t => t.category === 'unit').map(t => t.file),
    ).toContain('tests/unit/raw/orders_raw.sql');
    expect(plan.risks).toEqual([
      expect.objectContaining({
        risk: 'Late-arriving orders',
        probability: 'high',
        impact: 'high',
        score: 9,
      }),
    ]);
    expect(plan.validation.technical.map(c => c.target)).toEqual([
      '100%',
      '100%',
      '< 5s',
      '0',
    ]);
    expect(plan.approvals.reviewers).toEqual([
      { name: 'Alice Moreau', role: 'Platform Lead', status: 'PENDING' },
    ]);
    expect(
      plan.deployment.sequence.map(s => `${s.objectType}/${s.layer}`),
    ).toEqual([
      'Tables/Raw',
      'Tables/Transformation',
      'Views/Consumption',
      'Tasks/Transformation',
    ]);

    expect(ctx.output).toHaveBeenCalledWith('planPath', 'PLAN.md');
    expect(ctx.output).toHaveBeenCalledWith('objectCount', 4);
    expect(ctx.output).toHaveBeenCalledWith(
      'deployOrder',
      evaluatePlan(plan).deployOrder.map(e => e.name),
    );
  });

  describe('on a re-run of the task', () => {
    beforeEach(() => {
      jest.useFakeTimers({
        now: new Date('2026-11-28T10:00:00Z'),
        doNotFake: [
          'nextTick',
          'setImmediate',
          'setTimeout',
          'setInterval',
          'queueMicrotask',
        ],
      });
    });
    afterEach(() => jest.useRealTimers());

    async function runTwice(replay: boolean) {
      const ctx = context();
      let stored: unknown;
      // Task recovery gives back the checkpoint's stored value instead of running it again.
      const rerun = replay
        ? ({
            ...ctx,
            checkpoint: async ({ fn }: { fn: () => Promise<unknown> }) =>
              (stored ??= await fn()),
          } as typeof ctx)
        : ctx;
      await action.handler(rerun);
      const first = readFileSync(workspace.resolve('PLAN.md'), 'utf8');
      jest.setSystemTime(new Date('2026-11-28T12:30:00Z'));
      await action.handler(rerun);
      return [first, readFileSync(workspace.resolve('PLAN.md'), 'utf8')];
    }

    it('writes the same plan, hours later, through its checkpoint', async () => {
      const [first, second] = await runTwice(true);
      expect(second).toBe(first);
      expect(first).toContain('`2026-11-28 10:00 UTC`');
    });

    it('would write another date without the checkpoint', async () => {
      const [first, second] = await runTwice(false);
      expect(second).not.toBe(first);
      expect(second).toContain('`2026-11-28 12:30 UTC`');
    });
  });

  it('writes below targetPath and refuses a path outside the workspace', async () => {
    await action.handler(context({ targetPath: 'project' }));
    expect(readFileSync(workspace.resolve('project/PLAN.md'), 'utf8')).toMatch(
      /^# IMPLEMENTATION PLAN/,
    );
    await expect(
      action.handler(context({ targetPath: '../elsewhere' })),
    ).rejects.toThrow(
      /^targetPath: '\.\.\/elsewhere' points outside the workspace/,
    );
  });

  it.each([
    [
      { risks: [{ risk: 'X', probability: 'often', impact: 'high' }] },
      /^risks\[0\]\.probability: 'often' is not low, medium or high/,
    ],
    [
      { risks: [{ risk: ' ', probability: 'low', impact: 'high' }] },
      /^risks\[0\]\.risk: is required/,
    ],
    [{ reviewers: [{ name: '' }] }, /^reviewers\[0\]\.name: is required/],
    [
      {
        objects: [
          { name: 'A', layer: 'raw', kind: 'table', dependencies: 'MISSING' },
        ],
      },
      /^objects\[0\]\.dependencies: 'MISSING' is not an object of this project/,
    ],
  ])(
    'rejects bad input %j without writing anything',
    async (overrides, message) => {
      await expect(action.handler(context(overrides))).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
      expect(workspace.content()).toEqual({});
    },
  );

  it('escapes table-breaking text from the form', async () => {
    await action.handler(
      context({
        risks: [
          {
            risk: 'Pipes | in <script>alert(1)</script>',
            probability: 'low',
            impact: 'low',
          },
        ],
      }),
    );
    const plan = parsePlan(readFileSync(workspace.resolve('PLAN.md'), 'utf8'));
    expect(plan.risks[0].risk).toBe('Pipes | in <script>alert(1)</script>');
  });
});
