import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { RepositoryReport } from '@dataplan/plugin-data-plan-common';
import { RepositoryCheck, RepositoryCheckState } from './DataPlanStore';
import { PROJECTS } from './planQueries';
import { storedText } from './storedText';

/*
 * The repository checks table (`data_plan_repository_checks`): each project's last check of
 * its files against its plan, which its result is then evaluated with.
 */

export const REPOSITORY_CHECKS = 'data_plan_repository_checks';

/** Longest error stored: enough to say what went wrong. */
const MAX_ERROR_LENGTH = 4000;

/** The hash a report is known by: the results evaluated with it store it. */
export function reportHash(report: RepositoryReport): string {
  return createHash('sha256').update(JSON.stringify(report)).digest('hex');
}

/** Every project's last check, by entity ref: what the checker compares before reading. */
export async function repositoryCheckStates(
  db: Knex,
  entityRef?: string,
): Promise<Map<string, RepositoryCheckState>> {
  const query = db(REPOSITORY_CHECKS);
  if (entityRef !== undefined) query.where('entity_ref', entityRef);
  const rows = await query.select(
    'entity_ref',
    'checked_at',
    'content_hash',
    'listing_etag',
    'check_version',
    'report_hash',
  );
  return new Map(
    rows.map(row => [
      row.entity_ref,
      {
        checkedAt: new Date(row.checked_at),
        ...(row.content_hash ? { contentHash: row.content_hash } : {}),
        ...(row.listing_etag ? { listingEtag: row.listing_etag } : {}),
        ...(row.check_version ? { checkVersion: row.check_version } : {}),
        ...(row.report_hash ? { reportHash: row.report_hash } : {}),
      },
    ]),
  );
}

/**
 * Stores a project's check. A report replaces the last one; an error is kept beside it and
 * never replaces it (a bad read never replaces good data). One statement inserts or
 * updates the row, so that replicas checking the same new project at once both succeed;
 * an older check than the stored one is not written, nor a report of a plan the project no
 * longer has (its check was outrun by a plan change, whose own check follows). Returns
 * whether the report's hash changed, which is when the project's result must be evaluated
 * again.
 */
export async function saveRepositoryCheck(
  db: Knex,
  entityRef: string,
  check: RepositoryCheck,
): Promise<boolean> {
  const [project, existing] = await Promise.all([
    db(PROJECTS).where({ entity_ref: entityRef }).first('content_hash'),
    db(REPOSITORY_CHECKS).where({ entity_ref: entityRef }).first('report_hash'),
  ]);
  if (!project) return false;
  if (check.report && check.contentHash !== project.content_hash) return false;
  const hash = check.report ? reportHash(check.report) : undefined;
  const columns = {
    checked_at: check.checkedAt,
    scm_calls: check.scmCalls,
    file_reads: check.fileReads,
    ...(check.report
      ? {
          // The plan, listing and checks the report was computed for, with it.
          content_hash: check.contentHash ?? null,
          listing_etag: storedText(check.listingEtag) ?? null,
          check_version: check.checkVersion ?? null,
          report_json: JSON.stringify(check.report),
          report_hash: hash,
          error: null,
        }
      : {
          error: storedText(check.error ?? 'unknown error', MAX_ERROR_LENGTH),
        }),
  };
  const written = await db(REPOSITORY_CHECKS)
    .insert({ entity_ref: entityRef, ...columns })
    .onConflict('entity_ref')
    .merge(Object.keys(columns))
    .where(`${REPOSITORY_CHECKS}.checked_at`, '<=', check.checkedAt)
    .returning('entity_ref');
  return (
    written.length > 0 && hash !== undefined && hash !== existing?.report_hash
  );
}

/** A stored report, or none when its text is not one (a report is an object). */
function parsedReport(json: string | null): RepositoryReport | undefined {
  if (!json) return undefined;
  try {
    const parsed = JSON.parse(json);
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      Array.isArray(parsed)
    ) {
      return undefined;
    }
    // A report stored before SQL lineage was read has none.
    return { lineage: [], ...parsed };
  } catch {
    return undefined;
  }
}

/**
 * A project's last report, the hash it is known by and the plan it was computed for, and
 * the error of a later failed check.
 */
export async function repositoryReport(
  db: Knex,
  entityRef: string,
): Promise<
  | {
      report?: RepositoryReport;
      reportHash?: string;
      contentHash?: string;
      checkedAt: Date;
      error?: string;
    }
  | undefined
> {
  const row = await db(REPOSITORY_CHECKS)
    .where({ entity_ref: entityRef })
    .first('report_json', 'report_hash', 'content_hash', 'checked_at', 'error');
  if (!row) return undefined;
  const report = parsedReport(row.report_json);
  if (!report && row.report_hash) {
    // An unreadable report is no report: forgotten, so that no refresh waits for it to be
    // merged (its hash would never match), and the next check stores a new one.
    await db(REPOSITORY_CHECKS)
      .where({ entity_ref: entityRef, report_hash: row.report_hash })
      .update({ report_json: null, report_hash: null, check_version: null });
  }
  return {
    ...(report && row.report_hash
      ? {
          report,
          reportHash: row.report_hash,
          ...(row.content_hash ? { contentHash: row.content_hash } : {}),
        }
      : {}),
    checkedAt: new Date(row.checked_at),
    ...(row.error ? { error: row.error } : {}),
  };
}
