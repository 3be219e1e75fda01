import { Knex } from 'knex';

/**
 * Restricts a query to these entity refs, bound as one parameter however many there are.
 * Knex's `whereIn` binds one parameter per value, and a caller may see more projects than
 * a statement takes parameters (SQLite 32,766, PostgreSQL 65,535): the one dialect branch
 * of the store, because only PostgreSQL arrays and SQLite's json_each take a list as one
 * value. Other clients get `whereIn`.
 */
export function whereRefIn(
  db: Knex,
  query: Knex.QueryBuilder,
  entityRefs: string[],
): void {
  if (entityRefs.length === 0) {
    query.whereRaw('1 = 0');
    return;
  }
  const client = String(db.client.config.client);
  if (client === 'pg' || client === 'postgres' || client === 'postgresql') {
    query.whereRaw('entity_ref = ANY(?::text[])', [entityRefs]);
  } else if (client.includes('sqlite')) {
    query.whereRaw('entity_ref IN (SELECT value FROM json_each(?))', [
      JSON.stringify(entityRefs),
    ]);
  } else {
    query.whereIn('entity_ref', entityRefs);
  }
}
