import { PlanStatus } from './plan/types';

/**
 * Directions a list can be sorted in.
 *
 * @public
 */
export const SORT_ORDERS = ['asc', 'desc'] as const;

/**
 * A sort direction: one of {@link SORT_ORDERS}.
 *
 * @public
 */
export type SortOrder = (typeof SORT_ORDERS)[number];

/**
 * Sort keys of the plan list.
 *
 * @public
 */
export const PLAN_SORT_KEYS = [
  'worst',
  'name',
  'status',
  'owner',
  'risk',
  'refreshed',
] as const;

/**
 * A sort key of the plan list: one of {@link PLAN_SORT_KEYS}.
 *
 * @public
 */
export type PlanSortKey = (typeof PLAN_SORT_KEYS)[number];

/**
 * The order each sort key has when none is asked for: the most telling rows first.
 *
 * @public
 */
export const DEFAULT_SORT_ORDERS: Readonly<Record<PlanSortKey, SortOrder>> = {
  worst: 'desc',
  name: 'asc',
  status: 'asc',
  owner: 'asc',
  risk: 'desc',
  refreshed: 'desc',
};

/**
 * The sort of the plan list when none is asked for.
 *
 * @public
 */
export const DEFAULT_PLAN_SORT: PlanSortKey = 'worst';

/**
 * Bounds of a plan-list query, as the backend enforces them.
 *
 * @public
 */
export const PLAN_LIST_LIMITS = {
  /** Page size when none is asked for. */
  defaultPageSize: 50,
  maxPageSize: 500,
  /** Longest free-text search. */
  maxTextLength: 200,
  /** Most owners one query filters by, and the longest owner ref. */
  maxOwners: 100,
  maxOwnerLength: 255,
  /** Longest cursor: the ones the backend issues are far shorter. */
  maxCursorLength: 2048,
  /** Most rules the facets' top findings list. */
  topRules: 10,
} as const;

/**
 * The key under which counts by status count the plans that state no status.
 *
 * @public
 */
export const NO_STATUS = 'UNKNOWN' as const;

/**
 * A key of counts by status: a plan status, or {@link NO_STATUS}.
 *
 * @public
 */
export type StatusCountKey = PlanStatus | typeof NO_STATUS;
