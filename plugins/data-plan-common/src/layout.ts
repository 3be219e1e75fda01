/**
 * The kinds of Snowflake object a plan places in the layered structure.
 *
 * @public
 */
export type ObjectKind = 'table' | 'view' | 'task' | 'procedure';

/**
 * Object kinds in deploy-order precedence (tables first).
 *
 * @public
 */
export const OBJECT_KINDS: readonly ObjectKind[] = [
  'table',
  'view',
  'task',
  'procedure',
];

/**
 * Layers of a new data project, in dependency order (raw first).
 *
 * @public
 */
export const DEFAULT_LAYERS: readonly string[] = [
  'raw',
  'transformation',
  'consumption',
];

/**
 * Folder under `src/<layer>/` that holds objects of a kind, e.g. `tables`.
 *
 * @public
 */
export function kindDirectory(kind: ObjectKind): string {
  return `${kind}s`;
}

const RESERVED_FOLDERS = new Set([
  'src',
  'tests',
  ...OBJECT_KINDS.map(kind => `${kind}s`),
]);

/**
 * Layer names become folder names and plan table cells: lower-case letters, digits and
 * underscores, starting with a letter, and not a name the layout itself uses (`src`,
 * `tests`, `tables`, …).
 *
 * @public
 */
export function isValidLayerName(layer: string): boolean {
  return /^[a-z][a-z0-9_]{0,62}$/.test(layer) && !RESERVED_FOLDERS.has(layer);
}

/**
 * Every folder of a data project's layout, relative to its root, in creation order:
 * `src/<layer>/<kind>s`, `tests/unit/<layer>`, `tests/integration`, `tests/validation`,
 * `deploy`, `backups`.
 *
 * @public
 */
export function dataProjectDirectories(layers: readonly string[]): string[] {
  const dirs: string[] = [];
  for (const layer of layers) {
    for (const kind of OBJECT_KINDS) {
      dirs.push(`src/${layer}/${kindDirectory(kind)}`);
    }
  }
  for (const layer of layers) {
    dirs.push(`tests/unit/${layer}`);
  }
  dirs.push('tests/integration', 'tests/validation', 'deploy', 'backups');
  return dirs;
}
