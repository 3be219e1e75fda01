/*
 * The waiver file of a project, `.dataplan/waivers.yaml` beside its plan: findings the
 * team accepts for a while, each with a reason, an approver and an expiry date. It is
 * read entry by entry: a bad entry is a problem of its own and the others still apply.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { dayNumber, isoDate } from './calendarDays';
import { describeIssue, formatPath, must, strict } from './schemaIssues';
import { isWaiverRule } from './waiverRules';

/**
 * Where a project keeps its waivers, relative to the folder of its plan.
 *
 * @public
 */
export const DEFAULT_WAIVERS_PATH = '.dataplan/waivers.yaml';

/**
 * The most waivers a file may hold; the entries after them are not read.
 *
 * @public
 */
export const MAX_WAIVERS = 1000;

/**
 * The largest waiver file read, in bytes: a larger one is refused before it is parsed.
 *
 * @public
 */
export const MAX_WAIVERS_BYTES = 1024 * 1024;

/**
 * Which findings of its rule a waiver waives: exactly one field. An object, risk or
 * criterion is matched by the finding's content key, so that edits elsewhere in the plan
 * leave the waiver in place; a line only as a last resort, for a finding that has no
 * such subject (it moves whenever a line is inserted above).
 *
 * @public
 */
export interface WaiverMatch {
  /** A qualified object name, `DB.SCHEMA.NAME` or `NAME`, compared as Snowflake does. */
  object?: string;
  /** A risk of section 9.1 by its text. */
  risk?: string;
  /** A validation criterion of section 7 (technical or business) by its name. */
  criterion?: string;
  /**
   * A project path, for a finding of the repository checks about a file or folder (a SQL
   * file no step names, a script, an include in it, a missing folder), e.g.
   * `src/raw/tables/stray.sql`.
   */
  file?: string;
  /** A 1-based line of the plan. */
  line?: number;
}

/**
 * One entry of a waiver file, as read. `reason` and `approvedBy` may be missing here:
 * `applyWaivers` reports such a waiver (`waiver-invalid`) rather than dropping it.
 *
 * @public
 */
export interface PlanWaiver {
  /** Position in the file's list, for messages (`waivers[2]`). */
  index: number;
  /** The rule id of the findings it waives. */
  rule: string;
  /** Which of the rule's findings it waives. */
  match: WaiverMatch;
  /** Why the finding is accepted for now. */
  reason?: string;
  /** The approver's full entity ref, e.g. `user:default/jane` (kind `user` by default). */
  approvedBy?: string;
  /** Last day it holds, `YYYY-MM-DD`. */
  expires: string;
  /** The commit that added it, when the file's repository history gives it. */
  commit?: WaiverCommit;
}

/**
 * The commit that added a waiver to its file: the oldest commit of the file's history,
 * within the commits read, from which on the file holds the waiver (its rule and match).
 *
 * @public
 */
export interface WaiverCommit {
  /** The commit's SHA-1, 40 lower-case hex digits. */
  sha: string;
  /** The commit's author, by name, as the commit says. */
  author: string;
  /** When the commit was committed, ISO 8601 in UTC. */
  committedAt: string;
}

/**
 * Something wrong in a waiver file: where, as a path (`waivers[2].expires`; empty for the
 * file itself), and what.
 *
 * @public
 */
export interface WaiverProblem {
  /** Where, e.g. `waivers[2].expires`. */
  field: string;
  /** What is wrong there. */
  reason: string;
}

/**
 * A waiver file as read by {@link parseWaiverFile}: the entries that fit the format, and
 * a problem for each part that does not.
 *
 * @public
 */
export interface WaiverFile {
  /** The entries that fit the format. */
  waivers: PlanWaiver[];
  /** One for each part that does not. */
  problems: WaiverProblem[];
  /** Why the waivers have no `commit`: the file's host gives no history, say. */
  commitsUnknown?: string;
}

const MATCH_FIELDS = ['object', 'risk', 'criterion', 'file', 'line'] as const;

const text = z.string({ error: must('must be text') });

const nonEmptyText = text
  .trim()
  .refine(value => value !== '', { error: 'must not be empty' });

/** The ref of a user or group as the catalog writes it, else undefined. */
function approverRef(ref: string): string | undefined {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
    const kind = parsed.kind.toLocaleLowerCase('en-US');
    if (kind !== 'user' && kind !== 'group') return undefined;
    return stringifyEntityRef({ ...parsed, kind });
  } catch {
    return undefined;
  }
}

const matchSchema = strict(
  {
    object: nonEmptyText.optional(),
    risk: nonEmptyText.optional(),
    criterion: nonEmptyText.optional(),
    file: nonEmptyText.optional(),
    line: z
      .int({ error: 'must be a line number, at least 1' })
      .min(1, { error: 'must be a line number, at least 1' })
      .optional(),
  },
  'an object with one of object, risk, criterion, file or line',
  'a match field',
).superRefine((match, ctx) => {
  const given = MATCH_FIELDS.filter(field => match[field] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        given.length === 0
          ? `must name one of ${MATCH_FIELDS.join(', ')}`
          : `must name only one of ${MATCH_FIELDS.join(', ')}, not ${given.join(
              ' and ',
            )}`,
    });
  }
});

const waiverSchema = strict(
  {
    rule: nonEmptyText.refine(rule => !isWaiverRule(rule), {
      error: 'must not be a waiver rule: waivers cannot be waived',
    }),
    match: matchSchema,
    reason: text.trim().optional(),
    approvedBy: text
      .trim()
      .refine(ref => ref === '' || approverRef(ref) !== undefined, {
        error:
          'must be the entity ref of a user or group, e.g. user:default/jane or group:default/data-leads',
      })
      .transform(ref => (ref === '' ? undefined : approverRef(ref)))
      .optional(),
    // A YAML 1.1 reader turns an unquoted date into a Date: it is the same date.
    expires: z.preprocess(
      value => (value instanceof Date ? isoDate(value) ?? value : value),
      text.refine(date => dayNumber(date) !== undefined, {
        error: 'must be a date YYYY-MM-DD',
      }),
    ),
  },
  'an object with rule, match, reason, approvedBy and expires',
  'a waiver field',
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An entry's fields without those left empty, as `PlanWaiver` has them. */
function toWaiver(
  index: number,
  entry: z.output<typeof waiverSchema>,
): PlanWaiver {
  const match: WaiverMatch = {};
  for (const field of MATCH_FIELDS) {
    if (entry.match[field] !== undefined) {
      (match as Record<string, unknown>)[field] = entry.match[field];
    }
  }
  const waiver: PlanWaiver = {
    index,
    rule: entry.rule,
    match,
    expires: entry.expires,
  };
  if (entry.reason) waiver.reason = entry.reason;
  if (entry.approvedBy) waiver.approvedBy = entry.approvedBy;
  return waiver;
}

/**
 * Reads a waiver file's parsed content (the YAML or JSON value; the caller parses the
 * text): `waivers`, a list of `{ rule, match, reason, approvedBy, expires }`. Never throws:
 * each entry that does not fit is one problem, its first, named by its path, e.g.
 * `waivers[2].expires must be a date YYYY-MM-DD`, and the other entries are still read.
 * An empty file has no waivers.
 *
 * @public
 */
export function parseWaiverFile(value: unknown): WaiverFile {
  const waivers: PlanWaiver[] = [];
  const problems: WaiverProblem[] = [];
  if (value === undefined || value === null) return { waivers, problems };
  if (!isRecord(value)) {
    problems.push({ field: '', reason: 'must be an object with waivers' });
    return { waivers, problems };
  }
  for (const key of Object.keys(value)) {
    if (key !== 'waivers') {
      problems.push({
        field: formatPath([key]),
        reason: 'is not a waiver file field: use waivers',
      });
      break;
    }
  }
  const list = Object.prototype.hasOwnProperty.call(value, 'waivers')
    ? value.waivers
    : undefined;
  if (list === undefined || list === null) return { waivers, problems };
  if (!Array.isArray(list)) {
    problems.push({ field: 'waivers', reason: 'must be a list of waivers' });
    return { waivers, problems };
  }
  const count = Math.min(list.length, MAX_WAIVERS);
  for (let index = 0; index < count; index++) {
    const result = waiverSchema.safeParse(list[index]);
    if (result.success) {
      waivers.push(toWaiver(index, result.data));
      continue;
    }
    // One problem per entry, its first: the others often follow from it.
    const { field, reason } = describeIssue(result.error.issues[0]);
    const at = formatPath(['waivers', index]);
    problems.push({
      field:
        field === '' || field.startsWith('[') ? at + field : `${at}.${field}`,
      reason,
    });
  }
  if (list.length > MAX_WAIVERS) {
    problems.push({
      field: 'waivers',
      reason: `has ${list.length} entries; only the first ${MAX_WAIVERS} are read`,
    });
  }
  return { waivers, problems };
}
