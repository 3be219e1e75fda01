import { Knex } from 'knex';
import { OwnerGroup } from './DataPlanStore';
import { OWNER_GROUPS } from './planQueries';

/** Rows per statement: far below any database's parameter limit. */
const CHUNK = 500;

/** A project's groups as one comparable text, whatever order they come in. */
function fingerprint(groups: readonly OwnerGroup[]): string {
  return groups
    .map(g => `${g.depth}:${g.groupRef}`)
    .sort()
    .join('\n');
}

/**
 * Makes the stored owner groups of each project in `groups` its list there and forgets
 * those of every other project, in one transaction that touches only the projects whose
 * groups changed: a cycle where nothing moved reads the table once and writes nothing.
 * Returns how many projects changed.
 */
export async function saveOwnerGroups(
  db: Knex,
  groups: Map<string, OwnerGroup[]>,
): Promise<number> {
  const stored = new Map<string, OwnerGroup[]>();
  for (const row of await db(OWNER_GROUPS).select(
    'entity_ref',
    'group_ref',
    'depth',
  )) {
    const list = stored.get(row.entity_ref) ?? [];
    list.push({ groupRef: row.group_ref, depth: Number(row.depth) });
    stored.set(row.entity_ref, list);
  }
  const changed = [...new Set([...stored.keys(), ...groups.keys()])].filter(
    ref =>
      fingerprint(stored.get(ref) ?? []) !== fingerprint(groups.get(ref) ?? []),
  );
  if (changed.length === 0) return 0;
  await db.transaction(async trx => {
    for (let i = 0; i < changed.length; i += CHUNK) {
      await trx(OWNER_GROUPS)
        .whereIn('entity_ref', changed.slice(i, i + CHUNK))
        .delete();
    }
    const rows = changed.flatMap(ref =>
      (groups.get(ref) ?? []).map(g => ({
        entity_ref: ref,
        group_ref: g.groupRef,
        depth: g.depth,
      })),
    );
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx(OWNER_GROUPS).insert(rows.slice(i, i + CHUNK));
    }
  });
  return changed.length;
}
