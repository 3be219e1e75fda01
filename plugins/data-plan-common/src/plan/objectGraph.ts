import { DependencyResolution, resolveDependencies } from './graph';
import { ObjectIdentifier, parseIdentifier } from './identifiers';
import { PlanObject } from './types';

/** The plan's objects as a graph: identifiers, resolved dependencies, edges. */
export interface ObjectGraph {
  identifiers: Array<ObjectIdentifier | undefined>;
  resolutions: DependencyResolution[][];
  /** For each object, the indexes of the objects it depends on (resolved ones only). */
  dependsOn: number[][];
}

export function buildObjectGraph(objects: PlanObject[]): ObjectGraph {
  const identifiers = objects.map(object => parseIdentifier(object.name));
  const resolutions = resolveDependencies(
    identifiers,
    objects.map(object => object.dependencies.map(parseIdentifier)),
  );
  const dependsOn = resolutions.map(list => {
    const targets: number[] = [];
    for (const resolution of list) {
      if (
        resolution.status === 'resolved' &&
        !targets.includes(resolution.target)
      ) {
        targets.push(resolution.target);
      }
    }
    return targets;
  });
  return { identifiers, resolutions, dependsOn };
}
