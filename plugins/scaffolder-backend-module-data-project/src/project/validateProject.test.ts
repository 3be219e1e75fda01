import { validateProject, ProjectInput } from './validateProject';

const valid: ProjectInput = {
  database: 'sales_db',
  objects: [
    { name: 'orders_raw', layer: 'raw', kind: 'table' },
    {
      name: 'ORDERS_CLEAN',
      layer: 'transformation',
      kind: 'table',
      dependencies: 'orders_raw',
    },
    {
      name: 'DAILY_SALES',
      layer: 'consumption',
      kind: 'view',
      dependencies: ['ORDERS_CLEAN', 'SALES_DB.RAW.ORDERS_RAW'],
    },
  ],
};

function withObjects(objects: ProjectInput['objects']): ProjectInput {
  return { ...valid, objects };
}

describe('validateProject', () => {
  it('normalises names and dependencies and derives files', () => {
    const project = validateProject(valid);
    expect(project.database).toBe('SALES_DB');
    expect(project.layers).toEqual(['raw', 'transformation', 'consumption']);
    expect(project.objects[1]).toEqual({
      name: 'ORDERS_CLEAN',
      qualifiedName: 'SALES_DB.TRANSFORMATION.ORDERS_CLEAN',
      layer: 'transformation',
      kind: 'table',
      dependencies: ['SALES_DB.RAW.ORDERS_RAW'],
      file: 'src/transformation/tables/orders_clean.sql',
    });
    expect(project.objects[2].dependencies).toEqual([
      'SALES_DB.TRANSFORMATION.ORDERS_CLEAN',
      'SALES_DB.RAW.ORDERS_RAW',
    ]);
  });

  it('uses the schemas it is given', () => {
    const project = validateProject({
      ...valid,
      schemas: { transformation: 'transform' },
    });
    expect(project.objects[1].qualifiedName).toBe(
      'SALES_DB.TRANSFORM.ORDERS_CLEAN',
    );
  });

  it('takes one name in two layers as two objects, each named with its schema', () => {
    const project = validateProject(
      withObjects([
        { name: 'ORDERS', layer: 'raw', kind: 'table' },
        {
          name: 'ORDERS',
          layer: 'transformation',
          kind: 'table',
          dependencies: 'RAW.ORDERS',
        },
      ]),
    );
    expect(project.objects.map(o => [o.qualifiedName, o.file])).toEqual([
      ['SALES_DB.RAW.ORDERS', 'src/raw/tables/orders.sql'],
      [
        'SALES_DB.TRANSFORMATION.ORDERS',
        'src/transformation/tables/orders.sql',
      ],
    ]);
    expect(project.objects[1].dependencies).toEqual(['SALES_DB.RAW.ORDERS']);
  });

  it('names every field that is wrong, one per line', () => {
    expect(() =>
      validateProject(
        withObjects([
          { name: 'A', layer: 'raw', kind: 'table', dependencies: 'B, X' },
          { name: 'B', layer: 'gold', kind: 'view' },
        ]),
      ),
    ).toThrow(
      [
        "objects[0].dependencies: 'X' is not an object of this project",
        "objects[1].layer: 'gold' is not one of the project's layers (raw, transformation, consumption)",
      ].join('\n'),
    );
  });

  it.each([
    [
      'an invalid database',
      { ...valid, database: 'sales-db' },
      /^database: 'sales-db' is not a valid Snowflake identifier/,
    ],
    [
      'an invalid layer name',
      { ...valid, layers: ['raw', '../x'] },
      /^layers\[1\]: '\.\.\/x' is not a valid layer name/,
    ],
    ['no objects', withObjects([]), /^objects: name at least one object/],
    [
      'an invalid object name',
      withObjects([{ name: 'orders raw', layer: 'raw', kind: 'table' }]),
      /^objects\[0\]\.name: 'orders raw' is not a valid Snowflake identifier/,
    ],
    [
      'an unknown layer',
      withObjects([{ name: 'A', layer: 'gold', kind: 'table' }]),
      /^objects\[0\]\.layer: 'gold' is not one of the project's layers \(raw, transformation, consumption\)/,
    ],
    [
      'an unknown kind',
      withObjects([{ name: 'A', layer: 'raw', kind: 'stream' }]),
      /^objects\[0\]\.kind: 'stream' is not one of table, view, task, procedure/,
    ],
    [
      'a duplicate name',
      withObjects([
        { name: 'A', layer: 'raw', kind: 'table' },
        { name: 'a', layer: 'raw', kind: 'view' },
      ]),
      /^objects\[1\]\.name: 'A' is listed twice \(also objects\[0\]\)/,
    ],
    [
      'an unknown dependency',
      withObjects([
        { name: 'A', layer: 'raw', kind: 'table', dependencies: 'B, C' },
      ]),
      /^objects\[0\]\.dependencies: 'B' is not an object of this project/,
    ],
    [
      'a dependency that could mean two objects',
      withObjects([
        { name: 'A', layer: 'raw', kind: 'table' },
        { name: 'A', layer: 'transformation', kind: 'table' },
        { name: 'B', layer: 'consumption', kind: 'view', dependencies: 'A' },
      ]),
      /^objects\[2\]\.dependencies: 'A' names more than one object \(A in raw, A in transformation\): write it with its schema$/,
    ],
    [
      'a dependency against the layer order',
      withObjects([
        { name: 'A', layer: 'raw', kind: 'table', dependencies: 'B' },
        { name: 'B', layer: 'consumption', kind: 'view' },
      ]),
      /^objects\[0\]\.dependencies: A \(raw\) cannot depend on B \(consumption\)/,
    ],
    [
      'a self-dependency',
      withObjects([
        { name: 'A', layer: 'raw', kind: 'table', dependencies: 'A' },
      ]),
      /^objects\[0\]\.dependencies: A depends on itself/,
    ],
    [
      'a cycle',
      withObjects([
        { name: 'A', layer: 'raw', kind: 'table', dependencies: 'C' },
        { name: 'B', layer: 'raw', kind: 'view', dependencies: 'A' },
        { name: 'C', layer: 'raw', kind: 'view', dependencies: 'B' },
      ]),
      /^objects\[0\]\.dependencies: dependency cycle among A, B, C$/,
    ],
  ])('rejects %s with an InputError naming the field', (_, input, message) => {
    expect(() => validateProject(input as ProjectInput)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(message),
      }),
    );
  });
});
