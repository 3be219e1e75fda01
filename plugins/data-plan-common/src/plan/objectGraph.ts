import { findCycles } from './graph';
import { ObjectIdentifier, parseIdentifier } from './identifiers';
import { PlanObject } from './types';

/**
 * How one dependency of one object resolved: the index of the object it names, `unknown`,
 * or the candidates it could mean. A plain number for the common case keeps large plans
 * cheap.
 */
export type DependencyResolution = number | 'unknown' | { ambiguous: number[] };

/**
 * Resolves dependencies by name: a full match on the whole name first, then a unique
 * match on the trailing parts (`NAME`, `SCHEMA.NAME`). Objects are given by index; an
 * object without an identifier resolves nothing and is never a target.
 */
function resolveDependencies(
  identifiers: Array<ObjectIdentifier | undefined>,
  dependencies: Array<Array<ObjectIdentifier | undefined>>,
): DependencyResolution[][] {
  // Candidates by what a dependency of each depth names: the name, the last two parts, the
  // whole key. Each object is in at most three lists, and each distinct dependency is
  // resolved once, so the work stays linear however many objects share a name.
  const byFullKey = new Map<string, number>();
  const lists = [
    new Map<string, number[]>(),
    new Map<string, number[]>(),
    new Map<string, number[]>(),
  ];
  const add = (map: Map<string, number[]>, key: string, index: number) => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  identifiers.forEach((identifier, index) => {
    if (!identifier) return;
    if (!byFullKey.has(identifier.key)) byFullKey.set(identifier.key, index);
    add(lists[0], identifier.name, index);
    if (identifier.depth >= 2) add(lists[1], identifier.suffix, index);
    if (identifier.depth === 3) add(lists[2], identifier.key, index);
  });

  const resolveOne = (dep: ObjectIdentifier): DependencyResolution => {
    const full = byFullKey.get(dep.key);
    if (full !== undefined && identifiers[full]!.depth === dep.depth) {
      return full;
    }
    const candidates = lists[dep.depth - 1].get(dep.key) ?? [];
    const distinct = uniqueByKey(candidates, identifiers);
    if (distinct.length === 1) return distinct[0];
    if (distinct.length === 0) return 'unknown';
    return { ambiguous: distinct };
  };

  const resolved = new Map<string, DependencyResolution>();
  const resolve = (dep: ObjectIdentifier | undefined): DependencyResolution => {
    if (!dep) return 'unknown';
    const memo = `${dep.depth}:${dep.key}`;
    let resolution = resolved.get(memo);
    if (resolution === undefined) {
      resolution = resolveOne(dep);
      resolved.set(memo, resolution);
    }
    return resolution;
  };
  return dependencies.map(deps => deps.map(resolve));
}

// An object defined twice is one candidate, not an ambiguity: the duplicate is its own diagnostic.
function uniqueByKey(
  candidates: number[],
  identifiers: Array<ObjectIdentifier | undefined>,
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

/** Resolves the objects' dependencies by name and finds the cycles among them. */
export function buildObjectGraph(
  objects: ReadonlyArray<Pick<PlanObject, 'name' | 'dependencies'>>,
): ObjectGraph {
  const identifiers = objects.map(object => parseIdentifier(object.name));
  const resolutions = resolveDependencies(
    identifiers,
    objects.map(object => object.dependencies.map(parseIdentifier)),
  );
  const dependsOn = resolutions.map(list => {
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
  const cycles = findCycles(objects.length, dependsOn);
  return { identifiers, resolutions, dependsOn, cycles };
}
