import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { RepositoryReport } from '@dataplan/plugin-data-plan-common';
import { RepositoryCheck, RepositoryCheckState } from './DataPlanStore';
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
): Promise<Map<string, RepositoryCheckState>> {
  const rows = await db(REPOSITORY_CHECKS).select(
    'entity_ref',
    'checked_at',
    'content_hash',
    'listing_etag',
    'report_hash',
  );
  return new Map(
    rows.map(row => [
      row.entity_ref,
      {
        checkedAt: new Date(row.checked_at),
        ...(row.content_hash ? { contentHash: row.content_hash } : {}),
        ...(row.listing_etag ? { listingEtag: row.listing_etag } : {}),
        ...(row.report_hash ? { reportHash: row.report_hash } : {}),
      },
    ]),
  );
}

/**
 * Stores a project's check. A report replaces the last one; an error is kept beside it and
 * never replaces it (a bad read never replaces good data). Returns whether the report's
 * hash changed, which is when the project's result must be evaluated again.
 */
export async function saveRepositoryCheck(
  db: Knex,
  entityRef: string,
  check: RepositoryCheck,
): Promise<boolean> {
  return db.transaction(async trx => {
    const existing = await trx(REPOSITORY_CHECKS)
      .where({ entity_ref: entityRef })
      .first('report_hash')
      .forUpdate();
    const hash = check.report ? reportHash(check.report) : undefined;
    const columns = {
      checked_at: check.checkedAt,
      content_hash: check.contentHash ?? null,
      listing_etag: storedText(check.listingEtag) ?? null,
      scm_calls: check.scmCalls,
      file_reads: check.fileReads,
      ...(check.report
        ? {
            report_json: JSON.stringify(check.report),
            report_hash: hash,
            error: null,
          }
        : {
            error: storedText(check.error ?? 'unknown error', MAX_ERROR_LENGTH),
          }),
    };
    if (existing) {
      await trx(REPOSITORY_CHECKS)
        .where({ entity_ref: entityRef })
        .update(columns);
    } else {
      await trx(REPOSITORY_CHECKS).insert({
        entity_ref: entityRef,
        ...columns,
      });
    }
    return hash !== undefined && hash !== existing?.report_hash;
  });
}

/** A project's last report, the hash it is known by, and the error of a later failed check. */
export async function repositoryReport(
  db: Knex,
  entityRef: string,
): Promise<
  | {
      report?: RepositoryReport;
      reportHash?: string;
      checkedAt: Date;
      error?: string;
    }
  | undefined
> {
  const row = await db(REPOSITORY_CHECKS)
    .where({ entity_ref: entityRef })
    .first('report_json', 'report_hash', 'checked_at', 'error');
  if (!row) return undefined;
  let report: RepositoryReport | undefined;
  try {
    // A report stored before SQL lineage was read has none.
    report = row.report_json
      ? { lineage: [], ...JSON.parse(row.report_json) }
      : undefined;
  } catch {
    report = undefined;
  }
  return {
    ...(report ? { report, reportHash: row.report_hash } : {}),
    checkedAt: new Date(row.checked_at),
    ...(row.error ? { error: row.error } : {}),
  };
}
