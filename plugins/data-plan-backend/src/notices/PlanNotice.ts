import { PlanNoticeKind } from '@dataplan/plugin-data-plan-common';

/**
 * A notice to a project's owners, as the outbox keeps it until it is sent: what happened
 * (`kind`, and `key`, which tells one event of the kind from another, so that each is
 * written once) and the notification that tells it.
 */
export interface PlanNotice {
  entityRef: string;
  kind: PlanNoticeKind;
  /** The event's key within its kind and project; any length (the outbox hashes it). */
  key: string;
  title: string;
  description?: string;
  /** The app path the notification links to: the project's plan tab. */
  link: string;
  severity: 'critical' | 'high' | 'normal' | 'low';
  /**
   * The notification's scope: a later notice of the same scope replaces the earlier one in
   * the owners' notifications instead of piling up. At most 255 characters.
   */
  scope: string;
}

/** The project a notice is about, as its title names it. */
export interface NoticeProject {
  entityRef: string;
  name: string;
  title?: string;
}
