import { findCycles } from './graph';
import {
  identifierKey,
  ObjectIdentifier,
  parseIdentifier,
} from './identifiers';
import { PlanObject } from './types';

/**
 * How one dependency of one object resolved: the index of the object it names, `unknown`,
 * or the candidates it could mean. A plain number for the common case keeps large plans
 * cheap.
 */
export type DependencyResolution = number | 'unknown' | { ambiguous: number[] };

/** What a dependency of each depth is compared with: the name, the last two parts, the whole key. */
export function nameAtDepth(
  identifier: ObjectIdentifier,
  depth: number,
): string {
  if (depth === 1) return identifier.name;
  return depth === 2 ? identifier.suffix : identifier.key;
}

/**
 * Resolves a name to the objects by name: a full match on the whole name first, then a
 * unique match on the trailing parts (`NAME`, `SCHEMA.NAME`). Objects are given by index;
 * an object without an identifier is never a target.
 */
export function objectResolver(
  identifiers: ReadonlyArray<ObjectIdentifier | undefined>,
): (name: ObjectIdentifier) => DependencyResolution {
  const resolveKey = keyResolver(identifiers);
  return dep => resolveKey(dep.key, dep.depth);
}

/** {@link objectResolver} by a name's key and depth (as `identifierKey` gives them). */
function keyResolver(
  identifiers: ReadonlyArray<ObjectIdentifier | undefined>,
): (key: string, depth: number) => DependencyResolution {
  const byFullKey = new Map<string, number>();
  identifiers.forEach((identifier, index) => {
    if (identifier && !byFullKey.has(identifier.key)) {
      byFullKey.set(identifier.key, index);
    }
  });

  // What a dependency of each depth that is not a full match resolves to, by
  // `nameAtDepth`: built when one first needs it (most plans write full names, or only
  // short ones). Each object is in one list per depth, and each list is resolved once, so
  // the work stays linear however many objects share a name.
  const byName: Array<Map<string, DependencyResolution>> = [];
  const byNameAt = (depth: number) => {
    let resolved = byName[depth];
    if (!resolved) {
      const lists = new Map<string, number | number[]>();
      identifiers.forEach((identifier, index) => {
        if (!identifier || identifier.depth < depth) return;
        const name = nameAtDepth(identifier, depth);
        const found = lists.get(name);
        if (found === undefined) lists.set(name, index);
        else if (typeof found === 'number') lists.set(name, [found, index]);
        else found.push(index);
      });
      resolved = new Map();
      for (const [name, found] of lists) {
        if (typeof found === 'number') {
          resolved.set(name, found);
          continue;
        }
        const distinct = uniqueByKey(found, identifiers);
        resolved.set(
          name,
          distinct.length === 1 ? distinct[0] : { ambiguous: distinct },
        );
      }
      byName[depth] = resolved;
    }
    return resolved;
  };
  return (key, depth) => {
    const full = byFullKey.get(key);
    if (full !== undefined && identifiers[full]!.depth === depth) return full;
    return byNameAt(depth).get(key) ?? 'unknown';
  };
}

/** Resolves each object's dependencies, as written, as {@link objectResolver} does. */
function resolveDependencies(
  identifiers: Array<ObjectIdentifier | undefined>,
  dependencies: ReadonlyArray<readonly string[]>,
): DependencyResolution[][] {
  const resolveKey = keyResolver(identifiers);
  // A name is often written many times: each text is resolved once.
  const byText = new Map<string, DependencyResolution>();
  const resolve = (text: string): DependencyResolution => {
    let resolution = byText.get(text);
    if (resolution === undefined) {
      const dep = identifierKey(text);
      resolution = dep ? resolveKey(dep.key, dep.depth) : 'unknown';
      byText.set(text, resolution);
    }
    return resolution;
  };
  return dependencies.map(deps => deps.map(resolve));
}

// An object defined twice is one candidate, not an ambiguity: the duplicate is its own diagnostic.
function uniqueByKey(
  candidates: number[],
  identifiers: ReadonlyArray<ObjectIdentifier | undefined>,
): number[] {
  if (candidates.length < 2) return candidates;
  const seen = new Set<string>();
  return candidates.filter(index => {
    const key = identifiers[index]!.key;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The plan's objects as a graph: identifiers, resolved dependencies, edges, cycles. */
export interface ObjectGraph {
  identifiers: Array<ObjectIdentifier | undefined>;
  resolutions: DependencyResolution[][];
  /** For each object, the indexes of the objects it depends on (resolved ones only). */
  dependsOn: number[][];
  /** Strongly connected components that form cycles, as object indexes. */
  cycles: number[][];
}

/** The edges of each object: its resolved dependencies, each target once, in the order written. */
function edges(resolutions: DependencyResolution[][]): number[][] {
  return resolutions.map(list => {
    const targets: number[] = [];
    // A short list is searched; a long one (a plan may list thousands) gets a set.
    let seen: Set<number> | undefined;
    for (const resolution of list) {
      if (typeof resolution !== 'number') continue;
      if (!seen && targets.length < 8) {
        if (!targets.includes(resolution)) targets.push(resolution);
        continue;
      }
      seen ??= new Set(targets);
      if (!seen.has(resolution)) {
        seen.add(resolution);
        targets.push(resolution);
      }
    }
    return targets;
  });
}

/** Resolves the objects' dependencies by name and finds the cycles among them. */
export function buildObjectGraph(
  objects: ReadonlyArray<Pick<PlanObject, 'name' | 'dependencies'>>,
): ObjectGraph {
  const identifiers = objects.map(object => parseIdentifier(object.name));
  const resolutions = resolveDependencies(
    identifiers,
    objects.map(object => object.dependencies),
  );
  const dependsOn = edges(resolutions);
  const cycles = findCycles(objects.length, dependsOn);
  return { identifiers, resolutions, dependsOn, cycles };
}
