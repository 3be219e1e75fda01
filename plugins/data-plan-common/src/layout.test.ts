import {
  DEFAULT_LAYERS,
  OBJECT_KINDS,
  dataProjectDirectories,
  isValidLayerName,
  kindDirectory,
  objectDirectory,
  objectFilePath,
  unitTestFilePath,
} from './layout';

describe('dataProjectDirectories', () => {
  it('lays out every layer with its four object folders, tests, deploy and backups', () => {
    const dirs = dataProjectDirectories(DEFAULT_LAYERS);
    expect(dirs).toHaveLength(3 * 4 + 3 + 4);
    expect(dirs.slice(0, 4)).toEqual([
      'src/raw/tables',
      'src/raw/views',
      'src/raw/tasks',
      'src/raw/procedures',
    ]);
    expect(dirs).toContain('src/consumption/procedures');
    expect(dirs).toContain('tests/unit/transformation');
    expect(dirs.slice(-4)).toEqual([
      'tests/integration',
      'tests/validation',
      'deploy',
      'backups',
    ]);
  });

  it('follows the layers it is given', () => {
    expect(dataProjectDirectories(['bronze'])).toEqual([
      'src/bronze/tables',
      'src/bronze/views',
      'src/bronze/tasks',
      'src/bronze/procedures',
      'tests/unit/bronze',
      'tests/integration',
      'tests/validation',
      'deploy',
      'backups',
    ]);
  });
});

describe('layer and kind names', () => {
  it('accepts folder-safe lower-case layer names only', () => {
    expect(isValidLayerName('raw')).toBe(true);
    expect(isValidLayerName('stage_2')).toBe(true);
    for (const bad of [
      '',
      'Raw',
      '2raw',
      'a/b',
      '..',
      'a b',
      'x'.repeat(64),
      'src',
      'tables',
    ]) {
      expect(isValidLayerName(bad)).toBe(false);
    }
  });

  it('names kind folders in the plural', () => {
    expect(kindDirectory('procedure')).toBe('procedures');
  });
});

describe('the file-path convention', () => {
  it('places an object under its layer and kind, named after it in lower case', () => {
    expect(
      objectFilePath({ layer: 'raw', kind: 'table', name: 'ORDERS_RAW' }),
    ).toBe('src/raw/tables/orders_raw.sql');
    expect(
      objectFilePath({ layer: 'consumption', kind: 'view', name: 'Daily' }),
    ).toBe('src/consumption/views/daily.sql');
    expect(objectDirectory('raw', 'procedure')).toBe('src/raw/procedures');
  });

  it("names an object's unit test after its SQL file", () => {
    expect(
      unitTestFilePath({
        layer: 'transformation',
        file: 'src/transformation/tasks/refresh_orders.sql',
      }),
    ).toBe('tests/unit/transformation/refresh_orders.sql');
    expect(unitTestFilePath({ layer: 'raw', file: 'orders.sql' })).toBe(
      'tests/unit/raw/orders.sql',
    );
  });

  it('puts every object file and unit test in a folder of the layout', () => {
    const dirs = dataProjectDirectories(DEFAULT_LAYERS);
    for (const layer of DEFAULT_LAYERS) {
      for (const kind of OBJECT_KINDS) {
        const file = objectFilePath({ layer, kind, name: 'X' });
        expect(dirs).toContain(file.slice(0, file.lastIndexOf('/')));
        const test = unitTestFilePath({ layer, file });
        expect(dirs).toContain(test.slice(0, test.lastIndexOf('/')));
      }
    }
  });
});
