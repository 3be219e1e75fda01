import { createHash, randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  PLAN_NOTICE_KINDS,
  PlanEvaluation,
  PlanNoticeKind,
  WaiverListing,
} from '@dataplan/plugin-data-plan-common';
import { StuckProject, WaiverProject } from '../notices/detectDueNotices';
import { PlanNotice } from '../notices/PlanNotice';
import { PendingNotice } from './DataPlanStore';
import { storedText } from './storedText';
import { columnOf, STUCK_COLUMN } from './summaryColumns';

/*
 * The outbox of notices (`data_plan_notices`): written once per event in the transaction
 * that detects it, claimed by one sender with compare-and-set, marked sent.
 */

export const NOTICES = 'data_plan_notices';
const PROJECTS = 'data_plan_projects';

/** Rows an insert writes at once: fourteen values each, well within every database's limit. */
const INSERT_CHUNK = 50;
/** Projects whose waiver listings are read at once. */
const LISTING_PAGE = 100;

/** Code-unit order, as the result writes lock projects. */
function compareRefs(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The hash an event key is unique by: keys hold plan text of any length. */
function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function noticeRow(notice: PlanNotice, now: Date) {
  return {
    entity_ref: notice.entityRef,
    kind: notice.kind,
    key_hash: keyHash(notice.key),
    scope: storedText(notice.scope, 255),
    severity: notice.severity,
    title: storedText(notice.title),
    description: storedText(notice.description) ?? null,
    link: storedText(notice.link),
    created_at: now,
  };
}

/**
 * Writes the notices not written before (an event's row is unique per project, kind and
 * key); returns how many were new. Those already written are looked up first, so that a
 * cycle that finds the same due notices again writes nothing. In the caller's transaction,
 * if it has one; in entity ref order, as the result writes lock projects.
 */
export async function insertNotices(
  db: Knex | Knex.Transaction,
  notices: readonly PlanNotice[],
  now: Date,
): Promise<number> {
  const rows = notices
    .map(n => noticeRow(n, now))
    .sort((a, b) => compareRefs(a.entity_ref, b.entity_ref));
  const fresh: typeof rows = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const written = await db(NOTICES)
      .whereIn('entity_ref', [...new Set(chunk.map(row => row.entity_ref))])
      .whereIn(
        'key_hash',
        chunk.map(row => row.key_hash),
      )
      .select('entity_ref', 'kind', 'key_hash');
    const known = new Set(
      written.map(
        row => `${row.entity_ref}\u0000${row.kind}\u0000${row.key_hash}`,
      ),
    );
    for (const row of chunk) {
      const id = `${row.entity_ref}\u0000${row.kind}\u0000${row.key_hash}`;
      if (!known.has(id)) {
        known.add(id);
        fresh.push(row);
      }
    }
  }
  let inserted = 0;
  for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
    // Still ignored on conflict: another writer may have written one since the lookup.
    const written = await db(NOTICES)
      .insert(fresh.slice(i, i + INSERT_CHUNK))
      .onConflict(['entity_ref', 'kind', 'key_hash'])
      .ignore()
      .returning('id');
    inserted += written.length;
  }
  return inserted;
}

/**
 * The projects stuck at `now` that have not been told so since they became stuck or since
 * `toldAfter` (the quiet interval), whichever is later. Deleted projects are never told.
 */
export async function stuckProjects(
  db: Knex,
  options: { now: Date; toldAfter: Date },
): Promise<StuckProject[]> {
  const statusSince = columnOf('daysInStatus');
  // The last time each was told since it became stuck: the next notice's key follows it.
  const lastTold = db(NOTICES)
    .max('created_at')
    .whereRaw('??.entity_ref = ??.entity_ref', [NOTICES, PROJECTS])
    .where(`${NOTICES}.kind`, 'stuck')
    .whereRaw('??.created_at >= ??.??', [NOTICES, PROJECTS, STUCK_COLUMN])
    .as('last_told');
  const rows = await db(PROJECTS)
    .select(
      'entity_ref',
      'name',
      'title',
      `${columnOf('status')} as status`,
      `${statusSince} as status_since`,
      `${STUCK_COLUMN} as stuck_since`,
      lastTold,
    )
    .whereNull('deleted_at')
    .whereNotNull(statusSince)
    .where(STUCK_COLUMN, '<=', options.now)
    .whereNotExists(
      db(NOTICES)
        .select(db.raw('1'))
        .whereRaw('??.entity_ref = ??.entity_ref', [NOTICES, PROJECTS])
        .where(`${NOTICES}.kind`, 'stuck')
        .where(`${NOTICES}.created_at`, '>', options.toldAfter)
        .whereRaw('??.created_at >= ??.??', [NOTICES, PROJECTS, STUCK_COLUMN]),
    );
  return rows.map(row => ({
    entityRef: row.entity_ref,
    name: row.name,
    ...(row.title ? { title: row.title } : {}),
    ...(row.status ? { status: row.status } : {}),
    statusSince: new Date(row.status_since),
    stuckSince: new Date(row.stuck_since),
    ...(row.last_told !== null && row.last_told !== undefined
      ? { lastToldAt: new Date(row.last_told) }
      : {}),
  }));
}

/**
 * The projects with a waiver in force that expires by `dueBy` (`YYYY-MM-DD`), with their
 * waivers as last judged: the day a stored judgement holds until is its first expiry.
 */
export async function waiverProjects(
  db: Knex,
  options: { dueBy: string },
): Promise<WaiverProject[]> {
  const projects: WaiverProject[] = [];
  let after = '';
  for (;;) {
    const rows = await db(PROJECTS)
      .select('entity_ref', 'name', 'title', 'evaluation_json')
      .whereNull('deleted_at')
      .whereNotNull('waivers_until')
      .where('waivers_until', '<=', options.dueBy)
      .where('entity_ref', '>', after)
      .orderBy('entity_ref')
      .limit(LISTING_PAGE);
    if (rows.length === 0) return projects;
    after = rows[rows.length - 1].entity_ref;
    for (const row of rows) {
      let listing: WaiverListing | undefined;
      try {
        listing = (JSON.parse(row.evaluation_json) as PlanEvaluation).waivers;
      } catch {
        continue; // not stored by this plugin: nothing to tell
      }
      if (!listing || !Array.isArray(listing.waivers)) continue;
      projects.push({
        entityRef: row.entity_ref,
        name: row.name,
        ...(row.title ? { title: row.title } : {}),
        listing,
      });
    }
  }
}

/** The notices not yet sent whose retry is due, oldest first; of `kinds`, and one project's if asked. */
export async function pendingNotices(
  db: Knex,
  options: {
    now: Date;
    limit: number;
    maxAttempts: number;
    kinds: readonly PlanNoticeKind[];
    entityRef?: string;
  },
): Promise<PendingNotice[]> {
  if (options.kinds.length === 0) return [];
  const query = db(NOTICES)
    .select(
      'id',
      'entity_ref',
      'kind',
      'scope',
      'severity',
      'title',
      'description',
      'link',
      'attempts',
    )
    .whereNull('sent_at')
    .where('attempts', '<', options.maxAttempts)
    .whereIn('kind', options.kinds)
    .where(q =>
      q
        .whereNull('next_attempt_at')
        .orWhere('next_attempt_at', '<=', options.now),
    )
    .where(q =>
      q.whereNull('claimed_until').orWhere('claimed_until', '<', options.now),
    )
    .orderBy('id')
    .limit(options.limit);
  if (options.entityRef) query.where('entity_ref', options.entityRef);
  const rows = await query;
  return rows.flatMap(row =>
    (PLAN_NOTICE_KINDS as readonly string[]).includes(row.kind)
      ? [
          {
            id: String(row.id),
            entityRef: row.entity_ref,
            kind: row.kind as PlanNoticeKind,
            scope: row.scope,
            severity: row.severity,
            title: row.title,
            ...(row.description ? { description: row.description } : {}),
            link: row.link,
            attempts: Number(row.attempts),
          },
        ]
      : [],
  );
}

/**
 * Claims a pending notice until `until` (compare-and-set on its row): a token for exactly
 * one of any number of racing claims, on any replica; undefined for the others.
 */
export async function claimNotice(
  db: Knex,
  id: string,
  times: { now: Date; until: Date; maxAttempts: number },
): Promise<string | undefined> {
  const token = randomUUID();
  // The same conditions as the pending read: a page read a while ago claims nothing stale.
  const updated = await db(NOTICES)
    .where({ id })
    .whereNull('sent_at')
    .where('attempts', '<', times.maxAttempts)
    .where(q =>
      q
        .whereNull('next_attempt_at')
        .orWhere('next_attempt_at', '<=', times.now),
    )
    .where(q =>
      q.whereNull('claimed_until').orWhere('claimed_until', '<', times.now),
    )
    .update({ claim_id: token, claimed_until: times.until });
  return Number(updated) === 1 ? token : undefined;
}

/** Marks a claimed notice sent; false when the claim was lost (then nothing changes). */
export async function markNoticeSent(
  db: Knex,
  id: string,
  token: string,
  now: Date,
): Promise<boolean> {
  const updated = await db(NOTICES)
    .where({ id, claim_id: token })
    .update({ sent_at: now, claim_id: null, claimed_until: null });
  return Number(updated) === 1;
}

/** Gives a claimed notice back after a failed send: one more attempt, the next from `retryAt`. */
export async function releaseNotice(
  db: Knex,
  id: string,
  token: string,
  retryAt: Date,
): Promise<void> {
  await db(NOTICES)
    .where({ id, claim_id: token })
    .update({
      attempts: db.raw('attempts + 1'),
      next_attempt_at: retryAt,
      claim_id: null,
      claimed_until: null,
    });
}

/**
 * Deletes the notices sent before `sentBefore`, and those never sent (given up, or of a kind
 * turned off) created before `createdBefore`. Returns how many.
 */
export async function pruneNotices(
  db: Knex,
  options: { sentBefore: Date; createdBefore: Date },
): Promise<number> {
  const sent = await db(NOTICES)
    .whereNotNull('sent_at')
    .where('sent_at', '<', options.sentBefore)
    .delete();
  const unsent = await db(NOTICES)
    .whereNull('sent_at')
    .where('created_at', '<', options.createdBefore)
    .delete();
  return Number(sent) + Number(unsent);
}
