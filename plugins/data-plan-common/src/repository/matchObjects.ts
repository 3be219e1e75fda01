import { ObjectIdentifier } from '../plan/identifiers';

/**
 * Finds which planned object a name in SQL means, as dependencies are resolved: the object
 * with the same full name first, else the one object whose name agrees on the parts both
 * write (`CUSTOMER_PROFILE` in a plan is `MKT_DB.TRANSFORM.CUSTOMER_PROFILE` in SQL, and
 * the other way round). Undefined for no object, or for several.
 */
export function objectMatcher(
  identifiers: ReadonlyArray<ObjectIdentifier | undefined>,
): (name: ObjectIdentifier) => number | undefined {
  const byKey = new Map<string, number>();
  const byName = new Map<string, number[]>();
  identifiers.forEach((identifier, index) => {
    if (!identifier) return;
    if (!byKey.has(identifier.key)) byKey.set(identifier.key, index);
    const list = byName.get(identifier.name);
    if (list) list.push(index);
    else byName.set(identifier.name, [index]);
  });
  // A script names the same object many times: each name is resolved once.
  const resolved = new Map<string, number | undefined>();
  return name => {
    if (resolved.has(name.key)) return resolved.get(name.key);
    let match = byKey.get(name.key);
    if (match === undefined) {
      let found: number | undefined;
      let foundKey: string | undefined;
      for (const index of byName.get(name.name) ?? []) {
        const candidate = identifiers[index]!;
        if (!sameTrailingParts(candidate, name)) continue;
        if (foundKey !== undefined && foundKey !== candidate.key) {
          found = undefined;
          foundKey = undefined;
          break;
        }
        found ??= index;
        foundKey = candidate.key;
      }
      match = found;
    }
    resolved.set(name.key, match);
    return match;
  };
}

/** Whether two names agree on the parts both have, from the end. */
function sameTrailingParts(a: ObjectIdentifier, b: ObjectIdentifier): boolean {
  const depth = Math.min(a.depth, b.depth);
  if (depth === 1) return a.name === b.name;
  if (depth === 2) return a.suffix === b.suffix;
  return a.key === b.key;
}
