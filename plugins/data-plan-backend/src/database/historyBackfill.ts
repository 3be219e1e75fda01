import { Knex } from 'knex';
import {
  BackfillCandidate,
  BackfillClaimTimes,
  BackfillOutcome,
  BackfillStatus,
  BackfillVersion,
} from './DataPlanStore';
import { advanceGeneration } from './readGeneration';
import { storedText } from './storedText';
import {
  columnOf,
  historyCountColumns,
  historySummary,
  summaryRow,
} from './summaryColumns';

/*
 * The backfill state of the projects table and the backfilled rows of the history table:
 * what DatabaseDataPlanStore's backfill methods run.
 */

const PROJECTS = 'data_plan_projects';
const HISTORY = 'data_plan_history';

/** Longest backfill reason stored: enough to say what went wrong. */
const MAX_REASON_LENGTH = 4000;
/** History rows per insert statement. */
const INSERT_CHUNK = 100;

/** The rows a backfill may be claimed on now. */
function claimable(query: Knex.QueryBuilder, times: BackfillClaimTimes) {
  return query.where(q =>
    q
      .where(pending =>
        pending
          .whereNull('backfill_state')
          .where(r =>
            r
              .whereNull('backfill_retry_at')
              .orWhere('backfill_retry_at', '<=', times.now),
          ),
      )
      .orWhere(stale =>
        stale
          .where('backfill_state', 'running')
          .where('backfill_claimed_at', '<', times.staleBefore),
      ),
  );
}

export async function backfillCandidates(
  db: Knex,
  times: BackfillClaimTimes,
): Promise<BackfillCandidate[]> {
  const rows = await claimable(
    db(PROJECTS)
      .whereNull('deleted_at')
      .whereNotNull('plan_json')
      .whereNotNull('source_type'),
    times,
  )
    .select('entity_ref', 'source_type', 'source_location', 'plan_path')
    .orderBy('entity_ref');
  return rows.map((row: Record<string, any>) => ({
    entityRef: row.entity_ref,
    source: {
      type: row.source_type,
      location: row.source_location,
      path: row.plan_path,
    },
  }));
}

export async function claimBackfill(
  db: Knex,
  entityRef: string,
  times: BackfillClaimTimes,
): Promise<boolean> {
  const updated = await claimable(
    db(PROJECTS).where({ entity_ref: entityRef }),
    times,
  ).update({ backfill_state: 'running', backfill_claimed_at: times.now });
  return Number(updated) === 1;
}

/** The project row's columns once its backfill ends with `outcome`. */
function endColumns(outcome: BackfillOutcome, now: Date) {
  const ended = { backfill_claimed_at: null };
  switch (outcome.state) {
    case 'done':
      return {
        ...ended,
        backfill_state: 'done',
        backfill_reason: null,
        backfilled_at: now,
        backfill_retry_at: null,
      };
    case 'retry':
      return {
        ...ended,
        backfill_state: null,
        backfill_reason: storedText(outcome.reason, MAX_REASON_LENGTH),
        backfilled_at: null,
        backfill_retry_at: outcome.retryAt,
      };
    default:
      return {
        ...ended,
        backfill_state: outcome.state,
        backfill_reason: storedText(outcome.reason, MAX_REASON_LENGTH),
        backfilled_at: now,
        backfill_retry_at: null,
      };
  }
}

/**
 * The history rows of a backfill's versions, oldest first: one per version whose status
 * or summary differs from the version before it, of those committed from `notBefore` and
 * before `until`.
 */
export function backfillRows(
  entityRef: string,
  versions: BackfillVersion[],
  range: { notBefore?: Date; until?: Date },
): Array<Record<string, unknown>> {
  const kept = versions
    .filter(
      v =>
        (!range.notBefore || v.committedAt >= range.notBefore) &&
        (!range.until || v.committedAt < range.until),
    )
    .sort((a, b) => a.committedAt.getTime() - b.committedAt.getTime());
  const rows = [];
  let previous: string | undefined;
  for (const version of kept) {
    const summary = summaryRow(version.plan, version.evaluation);
    const values = JSON.stringify(Object.values(summary));
    if (values === previous) continue;
    previous = values;
    rows.push({
      entity_ref: entityRef,
      recorded_at: version.committedAt,
      status: summary[columnOf('status')],
      plan_version: summary[columnOf('planVersion')],
      summary_json: historySummary(summary),
      ...historyCountColumns(summary),
      source: 'backfill',
      commit_sha: version.commit,
    });
  }
  return rows;
}

function timeOf(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  return new Date(value as string | number | Date);
}

export async function finishBackfill(
  db: Knex,
  entityRef: string,
  options: { claimedAt: Date; outcome: BackfillOutcome; now: Date },
): Promise<number | undefined> {
  const { claimedAt, outcome, now } = options;
  return db.transaction(async trx => {
    // Compare-and-set on the claim: a backfill whose claim was taken over writes nothing.
    const ended = await trx(PROJECTS)
      .where({
        entity_ref: entityRef,
        backfill_state: 'running',
        backfill_claimed_at: claimedAt,
      })
      .update(endColumns(outcome, now));
    if (Number(ended) !== 1) return undefined;
    if (outcome.state !== 'done') return 0;

    // Only what happened before the portal first read the plan: live rows say the rest.
    const [{ first }] = await trx(HISTORY)
      .where({ entity_ref: entityRef, source: 'live' })
      .min({ first: 'recorded_at' });
    const rows = backfillRows(entityRef, outcome.versions, {
      notBefore: outcome.notBefore,
      until: timeOf(first),
    });
    const stored = new Set(
      (
        await trx(HISTORY)
          .where({ entity_ref: entityRef })
          .whereNotNull('commit_sha')
          .select('commit_sha')
      ).map(row => row.commit_sha as string),
    );
    const fresh = rows.filter(row => !stored.has(row.commit_sha as string));
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      await trx(HISTORY)
        .insert(fresh.slice(i, i + INSERT_CHUNK))
        .onConflict(['entity_ref', 'commit_sha'])
        .ignore();
    }
    // New rows move the trends: the reused ones are computed again.
    if (fresh.length) await advanceGeneration(trx);
    return fresh.length;
  });
}

export async function backfillStatus(
  db: Knex,
  entityRef: string,
): Promise<BackfillStatus> {
  const row = await db(PROJECTS)
    .where({ entity_ref: entityRef })
    .first('backfill_state', 'backfill_reason', 'backfilled_at');
  const at = timeOf(row?.backfilled_at)?.toISOString();
  return {
    state: row?.backfill_state ?? 'pending',
    ...(row?.backfill_reason ? { reason: row.backfill_reason } : {}),
    ...(at ? { at } : {}),
  };
}
