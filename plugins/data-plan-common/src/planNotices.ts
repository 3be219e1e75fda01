/*
 * What a project's owners are told about its plan, and where the notice links to: the
 * backend sends them, the frontend's tab lives at the path they link to.
 */
import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The events a project's owners are told of: its plan changed status, a new error appeared
 * (by content key), it is stuck beyond its policy's limit for the status, a waiver expires
 * within the warning window, a waiver expired.
 *
 * @public
 */
export const PLAN_NOTICE_KINDS = [
  'statusChanged',
  'newError',
  'stuck',
  'waiverExpiring',
  'waiverExpired',
] as const;

/**
 * One of {@link PLAN_NOTICE_KINDS}.
 *
 * @public
 */
export type PlanNoticeKind = (typeof PLAN_NOTICE_KINDS)[number];

/**
 * The severity each notice is sent with, in the notifications system's words: a broken
 * plan or a waiver that stopped waiving needs action; the others are news.
 *
 * @public
 */
export const PLAN_NOTICE_SEVERITIES: Readonly<
  Record<PlanNoticeKind, 'critical' | 'high' | 'normal' | 'low'>
> = {
  statusChanged: 'normal',
  newError: 'high',
  stuck: 'normal',
  waiverExpiring: 'normal',
  waiverExpired: 'high',
};

/**
 * Path of the plan tab under an entity page, in both frontend systems.
 *
 * @public
 */
export const ENTITY_PLAN_TAB_PATH = 'data-plan';

/**
 * The app path of an entity's plan tab, under the catalog's default entity route
 * (`/catalog/:namespace/:kind/:name`), with kind and namespace lower-cased as the catalog's
 * links make them.
 *
 * @public
 */
export function planTabPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${[
    namespace.toLocaleLowerCase('en-US'),
    kind.toLocaleLowerCase('en-US'),
    name,
  ]
    .map(encodeURIComponent)
    .join('/')}/${ENTITY_PLAN_TAB_PATH}`;
}
