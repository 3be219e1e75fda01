import { Knex } from 'knex';
import { advanceGeneration } from './readGeneration';

const HISTORY = 'data_plan_history';

/**
 * Deletes the history rows recorded before `before` that have a newer row of the same
 * project: each project keeps its newest row however old, so that trends still count it
 * where it stands. Returns how many rows were deleted.
 */
export async function pruneHistory(db: Knex, before: Date): Promise<number> {
  const deleted = await db(HISTORY)
    .where('recorded_at', '<', before)
    .whereExists(newer =>
      newer
        .select(db.raw('1'))
        .from(`${HISTORY} as newer`)
        .whereRaw('newer.entity_ref = ??', [`${HISTORY}.entity_ref`])
        .where(q =>
          q
            .whereRaw('newer.recorded_at > ??', [`${HISTORY}.recorded_at`])
            .orWhere(tie =>
              tie
                .whereRaw('newer.recorded_at = ??', [`${HISTORY}.recorded_at`])
                .whereRaw('newer.id > ??', [`${HISTORY}.id`]),
            ),
        ),
    )
    .delete();
  // Trends of the days pruned change: the reused ones are computed again.
  if (Number(deleted)) await advanceGeneration(db);
  return Number(deleted);
}
