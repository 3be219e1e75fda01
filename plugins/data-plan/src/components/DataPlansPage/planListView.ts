import { parseEntityRef } from '@backstage/catalog-model';
import {
  DEFAULT_PLAN_SORT,
  DEFAULT_SORT_ORDERS,
  isRuleId,
  PLAN_LIST_LIMITS,
  PLAN_SORT_KEYS,
  PLAN_STATUSES,
  PlanListFilters,
  PlanSortKey,
  PlanStatus,
  ROLLUP_FILTER_KINDS,
  ROLLUP_LIMITS,
  SORT_ORDERS,
  SortOrder,
} from '@dataplan/plugin-data-plan-common';

/** Everything about the list that the URL carries: filters, sort and page size. */
export interface PlanListView {
  filters: PlanListFilters;
  sort: PlanSortKey;
  order: SortOrder;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100];

/** Query parameter names of the page's own URL (not the backend's); toggles have theirs. */
const PARAMS = {
  owner: 'owner',
  status: 'status',
  rule: 'rule',
  text: 'q',
  system: 'system',
  group: 'group',
  sort: 'sort',
  order: 'order',
  pageSize: 'size',
} as const;

/** A filter that is on or off: a checkbox on the page, `<param>=true` in its URL. */
export interface FilterToggle {
  /** Its query parameter in the page's URL. */
  param: string;
  /** The checkbox's label. */
  label: string;
  isOn(filters: PlanListFilters): boolean;
  /** The change of the filters that turns it on or off. */
  change(on: boolean): Partial<PlanListFilters>;
  /** What its removable chip says while it is on, when it has one. */
  chip?: string;
}

function flag(
  param: string,
  label: string,
  key: 'unmitigatedHighRisk' | 'stuck' | 'waived' | 'drifted',
  chip?: string,
): FilterToggle {
  return {
    param,
    label,
    isOn: filters => Boolean(filters[key]),
    change: on => ({ [key]: on ? true : undefined }),
    ...(chip ? { chip } : {}),
  };
}

/** The page's on/off filters, in the order their checkboxes show. */
export const FILTER_TOGGLES: readonly FilterToggle[] = [
  {
    param: 'errors',
    label: 'Has errors',
    isOn: filters => filters.severity === 'error',
    change: on => ({ severity: on ? 'error' : undefined }),
  },
  flag('unmitigated', 'Has unmitigated high risk', 'unmitigatedHighRisk'),
  flag('stuck', 'Stuck', 'stuck'),
  flag('waived', 'Has waived findings', 'waived'),
  flag('drifted', 'Drifted from plan', 'drifted', 'Drifted from plan'),
];

/** Whether a URL's ref is a full entity ref of `kind`, which the backend accepts. */
function isFilterRef(ref: string, kind: string): boolean {
  if (ref.length > ROLLUP_LIMITS.maxRefLength || ref.includes('\0'))
    return false;
  try {
    const parsed = parseEntityRef(ref);
    return (
      parsed.kind.toLocaleLowerCase('en-US') === kind &&
      ref.split(/[:/]/).length === 3
    );
  } catch {
    return false;
  }
}

function isSortKey(value: string | null): value is PlanSortKey {
  return (PLAN_SORT_KEYS as readonly unknown[]).includes(value);
}

function isSortOrder(value: string | null): value is SortOrder {
  return (SORT_ORDERS as readonly unknown[]).includes(value);
}

/**
 * The view a URL describes. Anything unknown (a hand-edited or stale link) falls back to
 * the default instead of making the backend reject the request.
 */
export function parsePlanListView(params: URLSearchParams): PlanListView {
  const filters: PlanListFilters = {};
  const owner = params.getAll(PARAMS.owner).filter(Boolean);
  if (owner.length) filters.owner = owner;
  const status = params
    .getAll(PARAMS.status)
    .filter((s): s is PlanStatus => PLAN_STATUSES.includes(s as PlanStatus));
  if (status.length) filters.status = status;
  for (const toggle of FILTER_TOGGLES) {
    if (params.get(toggle.param) === 'true')
      Object.assign(filters, toggle.change(true));
  }
  // The backend rejects a malformed rule id.
  const rule = params.get(PARAMS.rule);
  if (rule && isRuleId(rule)) filters.rule = rule;
  // The backend rejects longer search text.
  const text = params
    .get(PARAMS.text)
    ?.slice(0, PLAN_LIST_LIMITS.maxTextLength);
  if (text?.trim()) filters.text = text;
  // An entity ref of its kind, as the backend takes it; anything else is no filter.
  for (const dimension of ['system', 'group'] as const) {
    const ref = params.get(PARAMS[dimension]);
    if (ref && isFilterRef(ref, ROLLUP_FILTER_KINDS[dimension]))
      filters[dimension] = ref;
  }

  const sortParam = params.get(PARAMS.sort);
  const sort = isSortKey(sortParam) ? sortParam : DEFAULT_PLAN_SORT;
  const orderParam = params.get(PARAMS.order);
  const order = isSortOrder(orderParam)
    ? orderParam
    : DEFAULT_SORT_ORDERS[sort];
  const size = Number(params.get(PARAMS.pageSize));
  const pageSize = PAGE_SIZES.includes(size) ? size : PAGE_SIZES[0];
  return { filters, sort, order, pageSize };
}

/** The URL query of a view; defaults are left out so that shared links stay short. */
export function planListViewParams(view: PlanListView): URLSearchParams {
  const params = new URLSearchParams();
  const { filters } = view;
  filters.owner?.forEach(o => params.append(PARAMS.owner, o));
  filters.status?.forEach(s => params.append(PARAMS.status, s));
  for (const toggle of FILTER_TOGGLES) {
    if (toggle.isOn(filters)) params.set(toggle.param, 'true');
  }
  if (filters.rule) params.set(PARAMS.rule, filters.rule);
  if (filters.text?.trim()) params.set(PARAMS.text, filters.text);
  if (filters.system) params.set(PARAMS.system, filters.system);
  if (filters.group) params.set(PARAMS.group, filters.group);
  if (view.sort !== DEFAULT_PLAN_SORT) params.set(PARAMS.sort, view.sort);
  if (view.order !== DEFAULT_SORT_ORDERS[view.sort])
    params.set(PARAMS.order, view.order);
  if (view.pageSize !== PAGE_SIZES[0])
    params.set(PARAMS.pageSize, String(view.pageSize));
  return params;
}

/** Whether any filter narrows the list. */
export function hasActiveFilters(filters: PlanListFilters): boolean {
  return Boolean(
    filters.owner?.length ||
      filters.status?.length ||
      FILTER_TOGGLES.some(toggle => toggle.isOn(filters)) ||
      filters.rule ||
      filters.text?.trim() ||
      filters.system ||
      filters.group,
  );
}
