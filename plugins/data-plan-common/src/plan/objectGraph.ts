import { DependencyResolution, findCycles, resolveDependencies } from './graph';
import { ObjectIdentifier, parseIdentifier } from './identifiers';
import { PlanObject } from './types';

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
