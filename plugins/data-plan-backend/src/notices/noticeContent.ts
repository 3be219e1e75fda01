import { createHash } from 'node:crypto';
import {
  PLAN_NOTICE_SEVERITIES,
  PlanNoticeKind,
  planTabPath,
} from '@dataplan/plugin-data-plan-common';
import { storedText } from '../database/storedText';
import { NoticeProject, PlanNotice } from './PlanNotice';

/** Longest title sent: the notifications list shows one line. */
export const MAX_NOTICE_TITLE = 200;
/** Longest description sent. */
export const MAX_NOTICE_DESCRIPTION = 1000;

/**
 * Characters a notice never shows: C0 and C1 controls, line and paragraph separators, and
 * the bidirectional controls that could make a title read as something else.
 */
const HIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Text as a notice shows it: hidden characters as spaces (and line breaks too, unless
 * `lines`), cut to `max` characters with an ellipsis, never inside a surrogate pair.
 */
export function clipped(
  text: string,
  max: number,
  options: { lines?: boolean } = {},
): string {
  let shown = text.replace(HIDDEN, ' ');
  if (!options.lines) shown = shown.replaceAll('\n', ' ');
  return shown.length > max ? `${storedText(shown, max - 1)}…` : shown;
}

/** What a notice's title calls the project: its title, else its name. */
export function projectLabel(project: NoticeProject): string {
  return project.title || project.name;
}

/**
 * The notification scope of an event: the same event sent again replaces its notification
 * (and shows it unread again), another event is another notification. Hashed, so that any
 * ref and key fit the notifications backend's 255 characters.
 */
export function noticeScope(
  kind: PlanNoticeKind,
  entityRef: string,
  event: string,
): string {
  const hash = createHash('sha256')
    .update(`${entityRef}\u0000${event}`)
    .digest('hex');
  return `data-plan:${kind}:${hash}`;
}

/** A notice of `kind` about `project`, linking to its plan tab. */
export function planNotice(
  project: NoticeProject,
  kind: PlanNoticeKind,
  content: {
    /** The outbox key: one row, and one send, per key. */
    key: string;
    /** Follows the project's label and a colon. */
    title: string;
    description?: string;
    /**
     * The event the notice is about, when its repeats have keys of their own (a plan still
     * stuck after the quiet interval): they replace its notification. Default `key`.
     */
    event?: string;
  },
): PlanNotice {
  return {
    entityRef: project.entityRef,
    kind,
    key: content.key,
    title: clipped(
      `${projectLabel(project)}: ${content.title}`,
      MAX_NOTICE_TITLE,
    ),
    ...(content.description
      ? {
          description: clipped(content.description, MAX_NOTICE_DESCRIPTION, {
            lines: true,
          }),
        }
      : {}),
    link: planTabPath(project.entityRef),
    severity: PLAN_NOTICE_SEVERITIES[kind],
    scope: noticeScope(kind, project.entityRef, content.event ?? content.key),
  };
}
