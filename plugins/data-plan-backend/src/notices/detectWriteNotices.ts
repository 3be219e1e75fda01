import {
  NO_STATUS,
  PlanDiagnostic,
  PlanEvaluation,
  PlanNoticeKind,
} from '@dataplan/plugin-data-plan-common';
import { planNotice } from './noticeContent';
import { NoticeProject, PlanNotice } from './PlanNotice';

/** The stored result a new one replaces, when both were judged alike (same parser and policy). */
export interface PreviousResult {
  status?: string;
  /** Its evaluation; needed only for the kinds that compare findings. */
  evaluation?: PlanEvaluation;
}

/** A result being written, and what it replaces. */
export interface WrittenResult {
  project: NoticeProject;
  /**
   * The stored result it replaces, only when that was judged by the same parser under the
   * same policy: a re-evaluation under another policy or parser tells nothing.
   */
  previous?: PreviousResult;
  /** Whether the plan's text changed: a new version of the plan. */
  contentChanged: boolean;
  status?: string;
  evaluation: PlanEvaluation;
  now: Date;
}

/** Errors listed in a notice's description at most. */
const LISTED_ERRORS = 3;

/** The kinds that need the previous evaluation: they compare findings by key. */
export const FINDING_NOTICE_KINDS: readonly PlanNoticeKind[] = [
  'newError',
  'waiverExpired',
];

/** Every active (not waived) finding of an evaluation that `keep` keeps, once per key. */
function activeFindings(
  evaluation: PlanEvaluation | undefined,
  keep: (finding: PlanDiagnostic) => boolean,
): Map<string, PlanDiagnostic> {
  const found = new Map<string, PlanDiagnostic>();
  if (!evaluation) return found;
  for (const list of [evaluation.diagnostics, evaluation.findings]) {
    for (const finding of list ?? []) {
      if (finding.waiver !== undefined || !keep(finding)) continue;
      const key = finding.key ?? `${finding.rule}:${finding.message}`;
      if (!found.has(key)) found.set(key, finding);
    }
  }
  return found;
}

/** The findings `keep` keeps that the new evaluation has and the previous one had not, by content key. */
function newFindings(
  result: WrittenResult,
  keep: (finding: PlanDiagnostic) => boolean,
): PlanDiagnostic[] {
  const before = activeFindings(result.previous?.evaluation, keep);
  return [...activeFindings(result.evaluation, keep)]
    .filter(([key]) => !before.has(key))
    .map(([, finding]) => finding);
}

const isError = (finding: PlanDiagnostic) => finding.severity === 'error';
const isExpiredWaiver = (finding: PlanDiagnostic) =>
  finding.rule === 'waiver-expired';

/**
 * The notices a new result tells, among `kinds`: its status changed, an error appeared
 * that the replaced result did not have (by content key, so an error that only moved is
 * not new), a waiver expired. Only against a result judged alike: a first result, or one
 * re-evaluated under another policy or parser, tells nothing. Status and errors come with
 * a new version of the plan; a waiver's expiry with the day its judgement ended.
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
  if (kinds.has('newError') && result.contentChanged && previous.evaluation) {
    const errors = newFindings(result, isError);
    if (errors.length > 0) {
      notices.push(
        planNotice(project, 'newError', {
          key: `errors@${at}`,
          title:
            errors.length === 1 ? 'a new error' : `${errors.length} new errors`,
          description: [
            ...errors.slice(0, LISTED_ERRORS).map(e => e.message),
            ...(errors.length > LISTED_ERRORS
              ? [`and ${errors.length - LISTED_ERRORS} more`]
              : []),
          ].join('\n'),
        }),
      );
    }
  }
  if (kinds.has('waiverExpired') && previous.evaluation) {
    for (const finding of newFindings(result, isExpiredWaiver)) {
      // The message holds the expiry date: a renewed waiver that expires again is told again.
      const subject = finding.key ?? finding.message;
      notices.push(
        planNotice(project, 'waiverExpired', {
          key: `${subject}|${finding.message}`,
          title: 'a waiver expired',
          description: finding.message,
          subject,
        }),
      );
    }
  }
  return notices;
}
