import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ROLLUP_LIMITS } from '@dataplan/plugin-data-plan-common';
import { OwnerGroup } from '../database/DataPlanStore';
import { entityRefKey } from './entityRefKey';

/** The org hierarchy: each group's parent group, if it names one; all as {@link entityRefKey}. */
export type GroupParents = Map<string, string | undefined>;

/** What the walk needs of a group; the catalog sends nothing else. */
const GROUP_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'spec.parent',
];

/**
 * Every group of the catalog with its parent, in one paged query (`onPage` after each
 * catalog call). A parent that is no entity ref is no parent.
 */
export async function readGroupParents(
  catalog: CatalogService,
  options: {
    credentials: BackstageCredentials;
    pageSize: number;
    onPage?: () => void;
  },
): Promise<GroupParents> {
  const { credentials, pageSize, onPage } = options;
  const parents: GroupParents = new Map();
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, fields: GROUP_FIELDS, limit: pageSize }
        : { filter: { kind: 'group' }, fields: GROUP_FIELDS, limit: pageSize },
      { credentials },
    );
    onPage?.();
    for (const group of page.items) {
      const namespace = group.metadata.namespace ?? 'default';
      const parent = (group.spec as { parent?: unknown } | undefined)?.parent;
      let parentKey: string | undefined;
      if (typeof parent === 'string' && parent) {
        try {
          parentKey = entityRefKey(
            parseEntityRef(parent, {
              defaultKind: 'group',
              defaultNamespace: namespace,
            }),
          );
        } catch {
          // Not a ref: the group has no parent the walk can follow.
        }
      }
      parents.set(
        entityRefKey({
          kind: group.kind,
          namespace,
          name: group.metadata.name,
        }),
        parentKey,
      );
    }
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return parents;
}

/**
 * A project's owner groups: its owner (depth 0), then each group above it by `spec.parent`
 * that is in the catalog, up to {@link ROLLUP_LIMITS}.maxGroupDepth parents. A cycle ends
 * the walk where it comes back; a group the catalog does not have is only itself. An owner
 * of another kind (a user), or none: no groups.
 */
export function ownerGroups(
  owner: string | undefined,
  parents: GroupParents,
): OwnerGroup[] {
  if (!owner) return [];
  let key: string;
  try {
    // As the catalog reads spec.owner: a bare name is a group of the default namespace.
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    // A user, or any other kind, is in no group roll-up: a row for it would filter by a
    // group that is none.
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') return [];
    key = entityRefKey(ref);
  } catch {
    return [];
  }
  // No stored ref is longer, or holds a NUL (which PostgreSQL text cannot).
  if (key.length > ROLLUP_LIMITS.maxRefLength || key.includes('\0')) return [];
  const groups: OwnerGroup[] = [{ groupRef: key, depth: 0 }];
  const seen = new Set([key]);
  let parent = parents.get(key);
  while (
    parent !== undefined &&
    parents.has(parent) &&
    !seen.has(parent) &&
    parent.length <= ROLLUP_LIMITS.maxRefLength &&
    groups.length <= ROLLUP_LIMITS.maxGroupDepth
  ) {
    groups.push({ groupRef: parent, depth: groups.length });
    seen.add(parent);
    parent = parents.get(parent);
  }
  return groups;
}
