import {
  DEFAULT_LAYERS,
  LEVELS,
  OBJECT_KINDS,
  UNQUOTED_IDENTIFIER_PATTERN,
  isValidLayerName,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'yaml';
import { DEFAULT_WAREHOUSE_SIZE } from '../project/buildPlanDraft';
import { templateDir } from './__testUtils__/templateFiles';

type Node = Record<string, unknown>;

/** Every node of the form's schema that has `key`, by the name of the field it belongs to. */
function fieldsWith(
  key: string,
  node: unknown,
  name = '',
): Array<[string, Node]> {
  if (!node || typeof node !== 'object') return [];
  const found: Array<[string, Node]> = [];
  if (key in node) found.push([name, node as Node]);
  for (const [child, value] of Object.entries(node)) {
    const field =
      child === 'items' || child === 'properties' || /^\d+$/.test(child)
        ? name
        : child;
    found.push(...fieldsWith(key, value, field));
  }
  return found;
}

describe("the data-project template's choices", () => {
  const template = yaml.parse(
    readFileSync(join(templateDir, 'template.yaml'), 'utf8'),
  );
  const enums = fieldsWith('enum', template.spec.parameters);
  const enumOf = (field: string) =>
    enums.filter(([name]) => name === field).map(([, node]) => node.enum);

  it("offers common's object kinds and risk levels", () => {
    expect(enumOf('kind')).toEqual([[...OBJECT_KINDS]]);
    expect(enumOf('probability')).toEqual([[...LEVELS]]);
    expect(enumOf('impact')).toEqual([[...LEVELS]]);
  });

  it("offers the same layers everywhere: valid names, common's defaults among them in order, and preselected", () => {
    const [layers, ...others] = [...enumOf('layers'), ...enumOf('layer')];
    expect(others).toEqual([layers]);
    const offered = layers as string[];
    expect(offered.every(isValidLayerName)).toBe(true);
    expect(offered.filter(l => DEFAULT_LAYERS.includes(l))).toEqual([
      ...DEFAULT_LAYERS,
    ]);
    const [, layersField] = fieldsWith(
      'default',
      template.spec.parameters,
    ).find(([name]) => name === 'layers')!;
    expect(layersField.default).toEqual([...DEFAULT_LAYERS]);
  });

  it("preselects the plan's default warehouse size", () => {
    const [[, size]] = enums.filter(([name]) => name === 'warehouseSize');
    expect(size.default).toBe(DEFAULT_WAREHOUSE_SIZE);
    expect(size.enum).toContain(DEFAULT_WAREHOUSE_SIZE);
  });

  it('offers the destinations its steps handle', () => {
    const handled = template.spec.steps.flatMap(
      (step: { if?: string }) =>
        /parameters\.destination === '(\w+)'/.exec(step.if ?? '')?.slice(1) ??
        [],
    );
    expect(enumOf('destination')).toEqual([[...new Set(handled)]]);
  });

  it('checks each of its enums against its source', () => {
    expect([...new Set(enums.map(([name]) => name))].sort()).toEqual([
      'destination',
      'impact',
      'kind',
      'layer',
      'layers',
      'probability',
      'warehouseSize',
    ]);
  });

  it("asks for Snowflake identifiers with common's pattern", () => {
    const patterns = fieldsWith('pattern', template.spec.parameters);
    expect(patterns.map(([name]) => name).sort()).toEqual([
      'database',
      'warehouse',
    ]);
    for (const [, node] of patterns) {
      expect(node.pattern).toBe(UNQUOTED_IDENTIFIER_PATTERN);
    }
  });
});
