import {
  NO_STATUS,
  PlanDiagnostic,
  PlanEvaluation,
  PlanNoticeKind,
} from '@dataplan/plugin-data-plan-common';
import { planNotice } from './noticeContent';
import { NoticeProject, PlanNotice } from './PlanNotice';

/** The stored result a new one replaces (not one of a project deleted since). */
export interface PreviousResult {
  status?: string;
  /**
   * Whether it was judged as the new one is (same parser, same policy): only then are
   * their findings compared. A status is the plan's, and compared whatever the judgement.
   */
  judgedAlike?: boolean;
  /** Its evaluation, when judged alike; needed only for the kinds that compare findings. */
  evaluation?: PlanEvaluation;
  /** Whether its custom rules ran over their time budget: their findings are missing. */
  rulesOverBudget?: boolean;
}

/** A result being written, and what it replaces. */
export interface WrittenResult {
  project: NoticeProject;
  /** The stored result it replaces; none for a first result. */
  previous?: PreviousResult;
  /** Whether the plan's text changed: a new version of the plan. */
  contentChanged: boolean;
  status?: string;
  evaluation: PlanEvaluation;
  /** Whether the new result's custom rules ran over their time budget. */
  rulesOverBudget?: boolean;
  now: Date;
}

/** The kinds that need the previous evaluation: they compare findings by key. */
export const FINDING_NOTICE_KINDS: readonly PlanNoticeKind[] = [
  'newError',
  'waiverExpired',
];

/** Errors and expired waivers listed in a notice's description at most. */
const LISTED = 3;

/** The keys of every finding of an evaluation, waived or not. */
function findingKeys(evaluation: PlanEvaluation | undefined): Set<string> {
  const keys = new Set<string>();
  for (const list of [evaluation?.diagnostics, evaluation?.findings]) {
    for (const finding of list ?? []) keys.add(keyOf(finding));
  }
  return keys;
}

function keyOf(finding: PlanDiagnostic): string {
  return finding.key ?? `${finding.rule}:${finding.message}`;
}

/**
 * The active findings `keep` keeps that the new evaluation has and the previous one had
 * not at all (waived or not: an error whose waiver could not be read this time is no new
 * error), by content key, once per key.
 */
function newFindings(
  result: WrittenResult,
  keep: (finding: PlanDiagnostic) => boolean,
): PlanDiagnostic[] {
  const before = findingKeys(result.previous?.evaluation);
  const found = new Map<string, PlanDiagnostic>();
  for (const list of [
    result.evaluation.diagnostics,
    result.evaluation.findings,
  ]) {
    for (const finding of list ?? []) {
      if (finding.waiver !== undefined || !keep(finding)) continue;
      const key = keyOf(finding);
      if (!before.has(key) && !found.has(key)) found.set(key, finding);
    }
  }
  return [...found.values()];
}

/** A plan's own errors: not those of its waiver file, which the waiver notices tell. */
const isError = (finding: PlanDiagnostic) =>
  finding.severity === 'error' && !finding.rule.startsWith('waiver-');
const isExpiredWaiver = (finding: PlanDiagnostic) =>
  finding.rule === 'waiver-expired';

/** The first messages, then how many more. */
function listed(findings: PlanDiagnostic[]): string {
  return [
    ...findings.slice(0, LISTED).map(f => f.message),
    ...(findings.length > LISTED
      ? [`and ${findings.length - LISTED} more`]
      : []),
  ].join('\n');
}

/**
 * The notices a new result tells, among `kinds`: its status changed, an error appeared
 * that the replaced result did not have (by content key, so an error that only moved is
 * not new), a waiver expired. A first result tells nothing; findings are compared only
 * with a result judged alike, so a re-evaluation under another policy or parser tells
 * nothing. Status and errors come with a new version of the plan; a waiver's expiry with
 * the day its judgement ended.
 */
export function detectWriteNotices(
  result: WrittenResult,
  kinds: ReadonlySet<PlanNoticeKind>,
): PlanNotice[] {
  const { project, previous, now } = result;
  if (!previous) return [];
  const at = now.toISOString();
  const notices: PlanNotice[] = [];
  if (
    kinds.has('statusChanged') &&
    result.contentChanged &&
    (previous.status ?? null) !== (result.status ?? null)
  ) {
    const from = previous.status ?? NO_STATUS;
    const to = result.status ?? NO_STATUS;
    notices.push(
      planNotice(project, 'statusChanged', {
        key: `${from}>${to}@${at}`,
        title: `status ${from} → ${to}`,
      }),
    );
  }
  // Rules over their budget have no findings on that side: what looks new may not be.
  if (
    kinds.has('newError') &&
    result.contentChanged &&
    previous.judgedAlike &&
    previous.evaluation &&
    !previous.rulesOverBudget &&
    !result.rulesOverBudget
  ) {
    const errors = newFindings(result, isError);
    if (errors.length > 0) {
      notices.push(
        planNotice(project, 'newError', {
          key: `errors@${at}`,
          title:
            errors.length === 1 ? 'a new error' : `${errors.length} new errors`,
          description: listed(errors),
        }),
      );
    }
  }
  if (
    kinds.has('waiverExpired') &&
    previous.judgedAlike &&
    previous.evaluation
  ) {
    // One notice for all that expired since: a file may hold a thousand waivers.
    const expired = newFindings(result, isExpiredWaiver);
    if (expired.length > 0) {
      notices.push(
        planNotice(project, 'waiverExpired', {
          // Each message holds its expiry date: a renewed waiver that expires again is told again.
          key: expired
            .map(f => `${keyOf(f)}|${f.message}`)
            .sort()
            .join('\n'),
          title:
            expired.length === 1
              ? 'a waiver expired'
              : `${expired.length} waivers expired`,
          description: listed(expired),
        }),
      );
    }
  }
  return notices;
}
