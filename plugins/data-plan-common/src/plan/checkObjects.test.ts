import { checkObjects, CheckedObject, layerDirection } from './checkObjects';
import { buildObjectGraph } from './objectGraph';
import { ObjectReporter } from './objectFindings';
import { PlanDiagnostic } from './types';

/** A reporter that keeps what it is told, without keys. */
function recorder(): ObjectReporter & {
  diagnostics: Omit<PlanDiagnostic, 'key'>[];
} {
  const diagnostics: Omit<PlanDiagnostic, 'key'>[] = [];
  return {
    diagnostics,
    report(severity, rule, message, line) {
      diagnostics.push({ severity, rule, message, line });
    },
  };
}

function object(
  name: string,
  file: string | undefined,
  dependencies: string[] = [],
  line = 1,
): CheckedObject {
  return Object.freeze({
    name,
    file,
    dependencies: Object.freeze(dependencies) as string[],
    line,
  });
}

describe('checkObjects', () => {
  it('places each object by its file without changing the objects', () => {
    const ctx = recorder();
    const objects = [
      object('RAW.ORDERS', 'src/raw/tables/orders.sql', [], 1),
      object('SALES', './src/consumption/views/sales.sql', ['ORDERS'], 2),
      object('STRAY', 'elsewhere/stray.sql', [], 3),
      object('NO_FILE', undefined, [], 4),
    ];
    const placements = checkObjects(
      ctx,
      objects,
      buildObjectGraph(objects),
      ['raw', 'transformation', 'consumption'],
      [],
    );
    expect(placements).toEqual([
      { layer: 'raw', kind: 'table' },
      { layer: 'consumption', kind: 'view' },
      undefined,
      undefined,
    ]);
    expect(ctx.diagnostics.map(d => [d.rule, d.line])).toEqual([
      ['file-path-layout', 3],
      ['missing-file', 4],
    ]);
  });

  it('reports a dependency on a later layer with both layers', () => {
    const ctx = recorder();
    const objects = [
      object('RAW.ORDERS', 'src/raw/tables/orders.sql', ['SALES'], 1),
      object('SALES', 'src/consumption/views/sales.sql', [], 2),
    ];
    checkObjects(ctx, objects, buildObjectGraph(objects), [], []);
    expect(ctx.diagnostics).toEqual([
      {
        severity: 'error',
        rule: 'layer-direction',
        message:
          'RAW.ORDERS (raw) depends on SALES (consumption): a layer may depend only on itself and the layers before it (raw → transformation → consumption)',
        line: 1,
      },
    ]);
  });
});

describe('layerDirection', () => {
  it('answers by position what breaks answers by name', () => {
    const direction = layerDirection(['raw', 'transformation', 'consumption']);
    expect(
      ['raw', 'consumption', 'other', undefined].map(direction.positionOf),
    ).toEqual([0, 2, -1, -1]);
    expect(direction.breaks('raw', 'consumption')).toBe(true);
    expect(direction.breaks('consumption', 'raw')).toBe(false);
    expect(direction.breaks('other', 'consumption')).toBe(false);
    expect(direction.breaks('raw', 'other')).toBe(false);
  });
});
