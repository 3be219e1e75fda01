import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

/** The owner as an entity ref, or undefined when it is free text the catalog cannot link. */
export function parseOwnerRef(owner?: string): CompoundEntityRef | undefined {
  if (!owner) return undefined;
  try {
    return parseEntityRef(owner);
  } catch {
    return undefined;
  }
}

/** A short name for an owner: `data-platform` for `group:default/data-platform`. */
export function ownerLabel(owner?: string): string {
  if (!owner) return 'No owner';
  const ref = parseOwnerRef(owner);
  return ref ? humanizeEntityRef(ref, { defaultKind: 'group' }) : owner;
}
