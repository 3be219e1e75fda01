import {
  DEFAULT_LAYERS,
  dataProjectDirectories,
  isValidLayerName,
  kindDirectory,
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
