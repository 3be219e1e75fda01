/*
 * The commit that added each waiver of a file, from the file's history as the history
 * readers give it (a local git repository, GitHub): looked up when the file is read, and
 * stored with it, so that an unchanged file costs no lookup.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  WaiverCommit,
  WaiverFile,
  waiverKey,
} from '@dataplan/plugin-data-plan-common';
import { PlanSource } from '../../database/DataPlanStore';
import { PlanHistoryReader } from '../history/PlanHistoryReader';
import { parseWaiversText } from './parseWaiversText';

/** Finds the commit that added each waiver of a file just read. */
export interface WaiverCommitFinder {
  /**
   * The file with each waiver's `commit`, or with `commitsUnknown` saying why there is
   * none. Never throws: a history that cannot be read leaves the commits unknown.
   */
  withCommits(source: PlanSource, file: WaiverFile): Promise<WaiverFile>;
}

/** One version of the file's history, newest first: the waivers it holds, or none. */
interface FileVersion {
  commit: WaiverCommit;
  keys?: Set<string>;
}

/**
 * {@link WaiverCommitFinder} over a history reader, reading at most `limit` commits of the
 * file's path (the limit of a history backfill).
 *
 * A waiver was added by the oldest commit of the unbroken run of versions, newest first,
 * that hold it (by its rule and match): an edit of its reason keeps the commit, a removal
 * and a later return start a new run. A waiver the newest commit does not hold (the file
 * changed since, uncommitted) has no commit. When the run reaches the oldest commit read,
 * that commit is given.
 */
export class HistoryWaiverCommitFinder implements WaiverCommitFinder {
  static create(options: {
    history: PlanHistoryReader;
    limit: number;
    logger: LoggerService;
  }): HistoryWaiverCommitFinder {
    return new HistoryWaiverCommitFinder(
      options.history,
      options.limit,
      options.logger,
    );
  }

  private constructor(
    private readonly history: PlanHistoryReader,
    private readonly limit: number,
    private readonly logger: LoggerService,
  ) {}

  async withCommits(source: PlanSource, file: WaiverFile): Promise<WaiverFile> {
    const { commitsUnknown: _, ...rest } = file;
    if (file.waivers.length === 0) return rest;
    let result;
    try {
      result = await this.history.read(source, { limit: this.limit });
    } catch (error) {
      // Every reader of the entity sees this text: fixed words, the error only in the log
      // (a file system error names absolute paths).
      this.logger.warn(
        `The history of a waiver file at ${source.location} could not be read`,
        isError(error) ? error : undefined,
      );
      return { ...rest, commitsUnknown: unreadableHistory(error) };
    }
    if ('unsupported' in result) {
      return { ...rest, commitsUnknown: result.unsupported };
    }
    const versions: FileVersion[] = [
      ...result.versions.map(v => ({
        commit: commitOf(v),
        keys: new Set(parseWaiversText(v.text).waivers.map(w => waiverKey(w))),
      })),
      ...result.skipped.map(v => ({ commit: commitOf(v) })),
    ].sort((a, b) => compareNewestFirst(a.commit, b.commit));

    const commits = new Map<string, WaiverCommit | undefined>();
    for (const key of new Set(file.waivers.map(w => waiverKey(w)))) {
      let added: WaiverCommit | undefined;
      for (const version of versions) {
        if (!version.keys?.has(key)) break;
        added = version.commit;
      }
      commits.set(key, added);
    }
    return {
      ...rest,
      waivers: file.waivers.map(waiver => {
        const { commit: __, ...entry } = waiver;
        const commit = commits.get(waiverKey(waiver));
        return commit ? { ...entry, commit } : entry;
      }),
    };
  }
}

function commitOf(version: {
  commit: string;
  committedAt: string;
  author?: string;
}): WaiverCommit {
  return {
    sha: version.commit,
    author: version.author ?? 'unknown',
    committedAt: version.committedAt,
  };
}

/** Newest first by commit time; the readers give each list newest first, and sort is stable. */
function compareNewestFirst(a: WaiverCommit, b: WaiverCommit): number {
  if (a.committedAt === b.committedAt) return 0;
  return a.committedAt < b.committedAt ? 1 : -1;
}

/** Why the commits are not known, in words fit for every reader of the entity. */
function unreadableHistory(error: unknown): string {
  const name = isError(error) ? error.name : '';
  if (name === 'PlanHistoryRateLimitError') {
    return "the waiver file's history cannot be read now: the host's rate limit was reached";
  }
  if (name === 'NotAllowedError') {
    return "the waiver file's history may not be read from where it is";
  }
  return "the waiver file's history cannot be read now";
}
