import {
  DEFAULT_LAYERS,
  OBJECT_KINDS,
  ObjectKind,
  kindDirectory,
} from '../layout';
import { expectedFileStem } from './identifiers';
import { ObjectGraph } from './objectGraph';
import { ObjectReporter } from './objectFindings';
import { DirectoryMapping } from './sections/structure';
import { PlanObject } from './types';

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Folder patterns per kind: the plan's own 2.2 mapping where it names a kind, else `src/[layer]/<kind>s/`. */
function kindFolders(
  mapping: DirectoryMapping[],
): Array<{ kind: ObjectKind; pattern: RegExp }> {
  return OBJECT_KINDS.map(kind => {
    const row = mapping.find(
      m => m.kind === kind && /\[layer\]/i.test(m.targetDirectory),
    );
    const directory = (
      row?.targetDirectory ?? `src/[layer]/${kindDirectory(kind)}/`
    )
      .replace(/^\.?\//, '')
      .replace(/\/?$/, '/');
    const pattern = escapeRegExp(directory).replace(
      /\\\[layer\\\]/i,
      '([^/]+)',
    );
    return { kind, pattern: new RegExp(`^${pattern}([^/]+)\\.sql$`) };
  });
}

/**
 * Names for a message: all of them when there are few, else the first ten and how many
 * more, so that a plan with thousands of layers or candidates gets short messages.
 */
export function nameList<T>(
  items: readonly T[],
  separator: string,
  name: (item: T) => string,
): string {
  const most = 10;
  const names = items.slice(0, most).map(name);
  if (items.length > most) names.push(`${items.length - most} more`);
  return names.join(separator);
}

/** Whether a path leaves the project: `..` segments, absolute paths, drive letters. */
export function isUnsafePath(path: string): boolean {
  return (
    path.startsWith('/') ||
    path.startsWith('\\') ||
    /^[A-Za-z]:/.test(path) ||
    (path.includes('..') && path.split(/[\\/]/).includes('..'))
  );
}

/** The layer order's rule, the one the plan's dependencies and its SQL are held to. */
export interface LayerDirection {
  /** The layers in dependency order: the plan's, else the default ones. */
  layers: readonly string[];
  /** Whether the order lists a layer. */
  has(layer: string): boolean;
  /** A layer's position in the order; -1 for one the order does not list (or none). */
  positionOf(layer: string | undefined): number;
  /**
   * Whether an object in layer `from` may not use one in `to`: a layer uses only itself
   * and the layers before it. A layer the order does not list breaks nothing.
   */
  breaks(from: string | undefined, to: string | undefined): boolean;
  /** The rule in words, with the order, for a message. */
  rule: string;
}

/**
 * The layer direction rule by positions (see {@link LayerDirection.positionOf}): a layer
 * uses only itself and the layers before it; one the order does not list breaks nothing.
 */
function positionsBreak(fromAt: number, toAt: number): boolean {
  return fromAt >= 0 && toAt > fromAt;
}

/** The layer direction rule over `layers` (the plan's 2.1 layers; the default ones when empty). */
export function layerDirection(layers: readonly string[]): LayerDirection {
  const ordered = layers.length ? layers : DEFAULT_LAYERS;
  const position = new Map(ordered.map((layer, i) => [layer, i]));
  const at = (layer: string | undefined) =>
    layer === undefined ? -1 : position.get(layer) ?? -1;
  return {
    layers: ordered,
    has: layer => position.has(layer),
    positionOf: at,
    breaks: (from, to) => positionsBreak(at(from), at(to)),
    rule: `a layer may depend only on itself and the layers before it (${nameList(
      ordered,
      ' → ',
      String,
    )})`,
  };
}

/** Where an object's file places it: the layer and kind its path names. */
export interface ObjectPlacement {
  layer: string;
  kind: ObjectKind;
}

/** What `checkObjects` reads of an object. */
export type CheckedObject = Pick<
  PlanObject,
  'name' | 'file' | 'dependencies' | 'line'
>;

/**
 * Derives each object's layer and kind from its file and reports what is wrong with the
 * objects: names, files, duplicates, dependencies, cycles and layer direction. `graph` is
 * `buildObjectGraph` of the same objects. Returns the placement of each object (by
 * index), undefined where its file places it nowhere; the objects are not changed.
 */
export function checkObjects(
  ctx: ObjectReporter,
  objects: readonly CheckedObject[],
  graph: ObjectGraph,
  layers: readonly string[],
  mapping: DirectoryMapping[],
): Array<ObjectPlacement | undefined> {
  const direction = layerDirection(layers);
  const effectiveLayers = direction.layers;
  const folders = kindFolders(mapping);
  const firstByKey = new Map<string, number>();
  const placements = new Array<ObjectPlacement | undefined>(
    objects.length,
  ).fill(undefined);

  objects.forEach((object, index) => {
    const identifier = graph.identifiers[index];
    if (!identifier) {
      ctx.report(
        'error',
        'invalid-object-name',
        `Object name '${object.name}' is not a valid Snowflake identifier: use NAME or DB.SCHEMA.NAME with letters, digits, _ and $ (double-quote anything else)`,
        object.line,
        { index },
      );
    } else {
      const first = firstByKey.get(identifier.key);
      if (first !== undefined) {
        // A draft's objects have no lines (0).
        const where = objects[first].line
          ? `; the first definition is on line ${objects[first].line}`
          : '';
        ctx.report(
          'error',
          'duplicate-object',
          `Object ${object.name} is defined twice${where}`,
          object.line,
          { index, related: [first] },
        );
      } else {
        firstByKey.set(identifier.key, index);
      }
    }

    if (!object.file) {
      ctx.report(
        'warning',
        'missing-file',
        `Object ${object.name} has no File line`,
        object.line,
        { index },
      );
      return;
    }
    if (isUnsafePath(object.file)) {
      ctx.report(
        'error',
        'path-traversal',
        `File '${object.file}' of ${object.name} leaves the project: use a relative path without '..'`,
        object.line,
        { index },
      );
      return;
    }
    const path = object.file.startsWith('./')
      ? object.file.slice(2)
      : object.file;
    let placed: { kind: ObjectKind; match: RegExpExecArray } | undefined;
    for (const folder of folders) {
      const match = folder.pattern.exec(path);
      if (match) {
        placed = { kind: folder.kind, match };
        break;
      }
    }
    if (!placed) {
      ctx.report(
        'error',
        'file-path-layout',
        `File '${object.file}' of ${object.name} is not under src/<layer>/<tables|views|tasks|procedures>/ as the Directory-Code Mapping requires`,
        object.line,
        { index },
      );
      return;
    }
    const [, layer, stem] = placed.match;
    placements[index] = { layer, kind: placed.kind };
    if (!direction.has(layer)) {
      ctx.report(
        'warning',
        'unknown-layer',
        `File '${object.file}' of ${
          object.name
        } is in layer '${layer}', which the Target Directory Structure does not list (${nameList(
          effectiveLayers,
          ', ',
          String,
        )})`,
        object.line,
        { index },
      );
    }
    if (identifier && stem !== expectedFileStem(identifier)) {
      ctx.report(
        'warning',
        'file-name-mismatch',
        `File '${object.file}' does not match object ${
          object.name
        }: expected ${expectedFileStem(identifier)}.sql`,
        object.line,
        { index },
      );
    }
  });

  // Each object's layer position once, not once per dependency on it.
  const positions = new Int32Array(objects.length);
  placements.forEach((placement, index) => {
    positions[index] = direction.positionOf(placement?.layer);
  });
  graph.resolutions.forEach((list, index) => {
    const object = objects[index];
    list.forEach((resolution, depIndex) => {
      const dependency = object.dependencies[depIndex];
      if (resolution === 'unknown') {
        ctx.report(
          'warning',
          'unknown-dependency',
          `${object.name} depends on ${dependency}, which no step of the plan defines`,
          object.line,
          { index, dependencyIndex: depIndex },
        );
      } else if (typeof resolution === 'object') {
        ctx.report(
          'warning',
          'ambiguous-dependency',
          `${object.name} depends on ${dependency}, which matches ${nameList(
            resolution.ambiguous,
            ' and ',
            c => objects[c].name,
          )}: write the fully qualified name`,
          object.line,
          {
            index,
            dependencyIndex: depIndex,
            related: resolution.ambiguous,
          },
        );
      } else if (positionsBreak(positions[index], positions[resolution])) {
        const target = objects[resolution];
        const from = placements[index]?.layer;
        const to = placements[resolution]?.layer;
        ctx.report(
          'error',
          'layer-direction',
          `${object.name} (${from}) depends on ${target.name} (${to}): ${direction.rule}`,
          object.line,
          { index, dependencyIndex: depIndex, related: [resolution] },
        );
      }
    });
  });

  for (const cycle of graph.cycles) {
    const names = cycle.map(i => objects[i].name);
    ctx.report(
      'error',
      'dependency-cycle',
      cycle.length === 1
        ? `${names[0]} depends on itself`
        : `Dependency cycle among ${names.join(
            ', ',
          )}: none of them can be deployed first`,
      objects[cycle[0]].line,
      { index: cycle[0], related: cycle },
    );
  }
  return placements;
}
