import { ObjectFinding } from '@dataplan/plugin-data-plan-common';
import { FormObject, formErrorOf } from './objectFindingFields';

const objects: FormObject[] = [
  { name: 'A', layer: 'raw', dependencies: [] },
  { name: 'B', layer: 'consumption', dependencies: ['A', 'c'] },
];

function finding(overrides: Partial<ObjectFinding>): ObjectFinding {
  return {
    key: 'dependency-cycle',
    severity: 'error',
    rule: 'dependency-cycle',
    message: 'As the parser words it',
    object: 'DB.RAW.A',
    index: 0,
    ...overrides,
  };
}

describe('formErrorOf', () => {
  it('points a dependency rule at the dependencies, quoting the one written', () => {
    expect(
      formErrorOf(
        finding({
          rule: 'unknown-dependency',
          index: 1,
          dependencyIndex: 1,
        }),
        objects,
        ['raw', 'consumption'],
      ),
    ).toBe("objects[1].dependencies: 'c' is not an object of this project");
  });

  it('names the objects of a cycle by their form names', () => {
    expect(
      formErrorOf(
        finding({ rule: 'dependency-cycle', index: 1, related: [1, 0] }),
        objects,
        ['raw', 'consumption'],
      ),
    ).toBe('objects[1].dependencies: dependency cycle among B, A');
  });

  it("gives a rule about files the parser's words, on the whole object", () => {
    expect(
      formErrorOf(finding({ rule: 'path-traversal' }), objects, ['raw']),
    ).toBe('objects[0]: As the parser words it');
  });
});
