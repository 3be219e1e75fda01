import { objectFilePath } from '../layout';
import { fixture } from './__testUtils__';
import { checkPlanObjects } from './checkPlanObjects';
import { draftFromPlan } from './draftFromPlan';
import { OBJECT_RULES } from './objectFindings';
import { parsePlan } from './parsePlan';
import { renderPlan } from './renderPlan';
import { DraftObject } from './types';

const LAYERS = ['raw', 'transformation', 'consumption'];

function object(
  layer: string,
  name: string,
  dependencies: string[] = [],
  kind: 'table' | 'view' = 'table',
): DraftObject {
  return {
    name: `DB.${layer.toUpperCase()}.${name}`,
    file: objectFilePath({ layer, kind, name }),
    dependencies,
  };
}

describe('checkPlanObjects', () => {
  it('finds nothing wrong with a sound project and resolves its dependencies once each', () => {
    const result = checkPlanObjects(
      [
        object('raw', 'A'),
        object('raw', 'B'),
        object('transformation', 'C', ['DB.RAW.A', 'a', 'RAW.B']),
        object('consumption', 'D', ['C'], 'view'),
      ],
      LAYERS,
    );
    expect(result).toEqual({ findings: [], dependsOn: [[], [], [0, 1], [2]] });
  });

  it.each([
    [
      'an invalid name',
      [
        {
          name: 'DB.RAW.A B',
          file: 'src/raw/tables/a b.sql',
          dependencies: [],
        },
      ],
      { rule: 'invalid-object-name', severity: 'error', index: 0 },
    ],
    [
      'a duplicate',
      [object('raw', 'A'), object('raw', 'A', [], 'view')],
      {
        rule: 'duplicate-object',
        severity: 'error',
        index: 1,
        related: [0],
        message: 'Object DB.RAW.A is defined twice',
      },
    ],
    [
      'an object without a file',
      [{ name: 'DB.RAW.A', dependencies: [] }],
      { rule: 'missing-file', severity: 'warning', index: 0 },
    ],
    [
      'a file outside the project',
      [{ name: 'DB.RAW.A', file: 'src/../a.sql', dependencies: [] }],
      { rule: 'path-traversal', severity: 'error', index: 0 },
    ],
    [
      'a file outside the layout',
      [{ name: 'DB.RAW.A', file: 'sql/a.sql', dependencies: [] }],
      { rule: 'file-path-layout', severity: 'error', index: 0 },
    ],
    [
      'a layer the plan does not list',
      [object('gold', 'A')],
      { rule: 'unknown-layer', severity: 'warning', index: 0 },
    ],
    [
      'a file named after another object',
      [{ name: 'DB.RAW.A', file: 'src/raw/tables/b.sql', dependencies: [] }],
      { rule: 'file-name-mismatch', severity: 'warning', index: 0 },
    ],
    [
      'an unknown dependency',
      [object('raw', 'A'), object('raw', 'B', ['A', 'MISSING'])],
      {
        rule: 'unknown-dependency',
        severity: 'warning',
        index: 1,
        dependencyIndex: 1,
      },
    ],
    [
      'an ambiguous dependency',
      [
        object('raw', 'A'),
        object('transformation', 'A'),
        object('consumption', 'B', ['A']),
      ],
      {
        rule: 'ambiguous-dependency',
        severity: 'warning',
        index: 2,
        dependencyIndex: 0,
        related: [0, 1],
      },
    ],
    [
      'a dependency against the layer order',
      [object('raw', 'A', ['B']), object('consumption', 'B')],
      {
        rule: 'layer-direction',
        severity: 'error',
        index: 0,
        dependencyIndex: 0,
        related: [1],
      },
    ],
    [
      'a cycle',
      [
        object('raw', 'A', ['C']),
        object('raw', 'B', ['A']),
        object('raw', 'C', ['B']),
      ],
      {
        rule: 'dependency-cycle',
        severity: 'error',
        index: 0,
        related: [0, 1, 2],
      },
    ],
  ])('reports %s on the object, by rule id', (_, objects, expected) => {
    const { findings } = checkPlanObjects(objects, LAYERS);
    expect(findings).toEqual([
      expect.objectContaining({
        ...expected,
        object: objects[expected.index].name,
      }),
    ]);
    expect(OBJECT_RULES).toContain(findings[0].rule);
  });

  it('leaves what it is given unchanged', () => {
    const objects = [object('raw', 'A', ['B']), object('consumption', 'B')];
    objects.forEach(o => Object.freeze(Object.freeze(o).dependencies));
    const before = JSON.stringify(objects);
    expect(
      checkPlanObjects(Object.freeze(objects), Object.freeze([...LAYERS]))
        .findings,
    ).toHaveLength(1);
    expect(JSON.stringify(objects)).toBe(before);
  });

  describe('says what the parser says about the same objects', () => {
    const draft = draftFromPlan(parsePlan(fixture('complete-plan')));
    const [first, second] = draft.phases[0].steps;
    // A duplicate, an unknown dependency, a cycle and a layer-direction error.
    second.objects.push({ ...first.objects[0], dependencies: [] });
    first.objects[0].dependencies.push('NOWHERE', 'CUSTOMER_360');
    const plan = parsePlan(renderPlan(draft));
    const objectDiagnostics = plan.diagnostics.filter(d =>
      (OBJECT_RULES as readonly string[]).includes(d.rule),
    );

    it('over a parsed plan, with its lines', () => {
      expect(objectDiagnostics.map(d => d.rule)).toEqual(
        expect.arrayContaining([
          'duplicate-object',
          'unknown-dependency',
          'dependency-cycle',
          'layer-direction',
        ]),
      );
      const { findings } = checkPlanObjects(plan.objects, plan.layers);
      expect(
        findings
          .map(f => ({
            key: f.key,
            severity: f.severity,
            rule: f.rule,
            message: f.message,
            line: plan.objects[f.index].line,
          }))
          .sort((a, b) => a.line - b.line),
      ).toEqual(objectDiagnostics);
    });

    it('over the draft it was rendered from', () => {
      const objects = draft.phases.flatMap(p =>
        p.steps.flatMap(s => s.objects),
      );
      const { findings } = checkPlanObjects(objects, draft.layers);
      expect(
        findings
          .map(f => ({ rule: f.rule, line: plan.objects[f.index].line }))
          .sort((a, b) => a.line - b.line),
      ).toEqual(objectDiagnostics.map(d => ({ rule: d.rule, line: d.line })));
    });
  });
});
