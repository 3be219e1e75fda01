import { Knex } from 'knex';

const GENERATION = 'data_plan_generation';

/**
 * The data generation of the projects and history tables, read before a result is computed: a result
 * computed at generation G is at least as new as G, and stays right while G is current.
 */
export async function readGeneration(db: Knex): Promise<string> {
  const row = await db(GENERATION).where({ id: 1 }).first('generation');
  return String(row?.generation ?? 0);
}

/**
 * Moves the data generation on: the last statement of a write to the projects or history table,
 * inside its transaction, so that readers on every replica see the write and the new
 * generation at once (and the row lock is held only until the commit); or, for writes
 * published later, a statement of its own after them. A result computed at the old
 * generation may then hold some of those writes already: never less than its generation.
 */
export async function advanceGeneration(
  db: Knex | Knex.Transaction,
): Promise<void> {
  await db(GENERATION).where({ id: 1 }).increment('generation', 1);
}
