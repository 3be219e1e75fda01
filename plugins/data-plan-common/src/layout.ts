/**
 * The kinds of Snowflake object a plan places in the layered structure, in deploy-order
 * precedence (tables first).
 *
 * @public
 */
export const OBJECT_KINDS = ['table', 'view', 'task', 'procedure'] as const;

/**
 * A kind of Snowflake object: one of {@link OBJECT_KINDS}.
 *
 * @public
 */
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/**
 * Layers of a new data project, in dependency order (raw first). A plan may name others:
 * the list is typed as any layer names are.
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

/**
 * Folder of a layer's objects of a kind: `src/<layer>/<kind>s`, e.g. `src/raw/tables`.
 *
 * @public
 */
export function objectDirectory(layer: string, kind: ObjectKind): string {
  return `src/${layer}/${kindDirectory(kind)}`;
}

/**
 * Name of an object's SQL file and of its unit test, without `.sql`: the object's own name
 * (without database and schema), lower-cased.
 *
 * @public
 */
export function objectFileStem(name: string): string {
  return name.toLowerCase();
}

/**
 * Where an object's SQL lives: `src/<layer>/<kind>s/<name>.sql`, e.g.
 * `src/raw/tables/orders_raw.sql` for `ORDERS_RAW`. `name` is the object's own name,
 * without database and schema.
 *
 * @public
 */
export function objectFilePath(object: {
  layer: string;
  kind: ObjectKind;
  name: string;
}): string {
  return `${objectDirectory(object.layer, object.kind)}/${objectFileStem(
    object.name,
  )}.sql`;
}

function unitTestDirectory(layer: string): string {
  return `tests/unit/${layer}`;
}

/**
 * Where an object's unit test lives: `tests/unit/<layer>/` with the file name of the
 * object's SQL file, e.g. `tests/unit/raw/orders_raw.sql`.
 *
 * @public
 */
export function unitTestFilePath(object: {
  layer: string;
  file: string;
}): string {
  const fileName = object.file.slice(object.file.lastIndexOf('/') + 1);
  return `${unitTestDirectory(object.layer)}/${fileName}`;
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
      dirs.push(objectDirectory(layer, kind));
    }
  }
  for (const layer of layers) {
    dirs.push(unitTestDirectory(layer));
  }
  dirs.push('tests/integration', 'tests/validation', 'deploy', 'backups');
  return dirs;
}
