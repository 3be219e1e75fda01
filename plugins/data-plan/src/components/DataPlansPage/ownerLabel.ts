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

/**
 * A short name for an entity ref: `commerce` for `system:default/commerce` when the kind
 * is `defaultKind`; free text stays as it is.
 */
export function refLabel(ref: string, defaultKind: string): string {
  const parsed = parseOwnerRef(ref);
  return parsed ? humanizeEntityRef(parsed, { defaultKind }) : ref;
}

/** A short name for an owner: `data-platform` for `group:default/data-platform`. */
export function ownerLabel(owner?: string): string {
  if (!owner) return 'No owner';
  return refLabel(owner, 'group');
}
