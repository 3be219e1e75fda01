import { createHash } from 'node:crypto';
import {
  PLAN_NOTICE_SEVERITIES,
  PlanNoticeKind,
  planTabPath,
} from '@dataplan/plugin-data-plan-common';
import { NoticeProject, PlanNotice } from './PlanNotice';

/** Longest title sent: the notifications list shows one line. */
export const MAX_NOTICE_TITLE = 200;
/** Longest description sent. */
export const MAX_NOTICE_DESCRIPTION = 1000;
/** Longest scope the notifications backend stores. */
const MAX_SCOPE = 255;

/** Text cut to `max` characters, with an ellipsis when it was longer; control characters as spaces. */
export function clipped(text: string, max: number): string {
  // Titles are single lines: plan text is the author's, and may hold anything.
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** What a notice's title calls the project: its title, else its name. */
export function projectLabel(project: NoticeProject): string {
  return project.title || project.name;
}

/**
 * The scope of a project's notices of a kind (about `subject`, when a project has several
 * at once, such as one per waiver): within the notifications backend's limit however long
 * the ref or subject, by hashing what does not fit.
 */
export function noticeScope(
  kind: PlanNoticeKind,
  entityRef: string,
  subject?: string,
): string {
  const scope = `data-plan:${kind}:${entityRef}${
    subject === undefined ? '' : `:${subject}`
  }`;
  if (scope.length <= MAX_SCOPE) return scope;
  const hash = createHash('sha256').update(scope).digest('hex');
  return `data-plan:${kind}:${hash}`;
}

/** A notice of `kind` about `project`, linking to its plan tab. */
export function planNotice(
  project: NoticeProject,
  kind: PlanNoticeKind,
  content: {
    key: string;
    /** Follows the project's label and a colon. */
    title: string;
    description?: string;
    /** What the scope tells apart within the kind, if the project has several at once. */
    subject?: string;
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
      ? { description: clipped(content.description, MAX_NOTICE_DESCRIPTION) }
      : {}),
    link: planTabPath(project.entityRef),
    severity: PLAN_NOTICE_SEVERITIES[kind],
    scope: noticeScope(kind, project.entityRef, content.subject),
  };
}
