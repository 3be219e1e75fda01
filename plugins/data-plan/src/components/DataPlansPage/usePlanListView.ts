import {
  DEFAULT_PLAN_SORT,
  DEFAULT_SORT_ORDERS,
  PlanListFilters,
  PlanSortKey,
} from '@dataplan/plugin-data-plan-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  parsePlanListView,
  PlanListView,
  planListViewParams,
} from './planListView';

/**
 * The list's filters, sort and page size, kept in the URL query string so that a filtered
 * view can be shared and reloaded.
 */
export function usePlanListView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parsePlanListView(params), [params]);

  const update = useCallback(
    (next: PlanListView, options?: { replace?: boolean }) =>
      setParams(planListViewParams(next), options),
    [setParams],
  );

  /** Merges a filter change; `replace` keeps typing in the search box out of history. */
  const setFilters = useCallback(
    (change: Partial<PlanListFilters>, options?: { replace?: boolean }) => {
      const filters: PlanListFilters = { ...view.filters, ...change };
      for (const key of Object.keys(change) as Array<keyof PlanListFilters>) {
        if (filters[key] === undefined) delete filters[key];
      }
      update({ ...view, filters }, options);
    },
    [update, view],
  );

  /** Sorts by a key in its default order, or flips the order when it is the current key. */
  const setSort = useCallback(
    (sort: PlanSortKey) => {
      let order = DEFAULT_SORT_ORDERS[sort];
      if (sort === view.sort) order = view.order === 'asc' ? 'desc' : 'asc';
      update({ ...view, sort, order });
    },
    [update, view],
  );

  const resetSort = useCallback(
    () =>
      update({
        ...view,
        sort: DEFAULT_PLAN_SORT,
        order: DEFAULT_SORT_ORDERS[DEFAULT_PLAN_SORT],
      }),
    [update, view],
  );

  const setPageSize = useCallback(
    (pageSize: number) => update({ ...view, pageSize }),
    [update, view],
  );

  const clearFilters = useCallback(
    () => update({ ...view, filters: {} }),
    [update, view],
  );

  return { view, setFilters, setSort, resetSort, setPageSize, clearFilters };
}
