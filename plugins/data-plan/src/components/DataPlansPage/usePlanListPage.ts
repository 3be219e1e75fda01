import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { dataPlanApiRef } from '../../api';
import { PlanListView } from './planListView';
import { useCursorPaging } from './useCursorPaging';

/**
 * The page of plans on screen, fetched from the backend with the view's filters, sort and
 * page size and the current cursor. While the next page loads the previous one stays in
 * `value` (with the index it was fetched for), so the table does not flash empty.
 */
export function usePlanListPage(view: PlanListView) {
  const api = useApi(dataPlanApiRef);
  const queryKey = JSON.stringify(view);
  const paging = useCursorPaging(queryKey);
  const { cursor, pageIndex } = paging;

  // Keyed by the view's value, not its identity: an equal view must not refetch.
  const state = useAsync(async () => {
    const response = await api.listPlans({
      ...view.filters,
      sort: view.sort,
      order: view.order,
      limit: view.pageSize,
      cursor,
    });
    return { response, pageIndex };
  }, [api, queryKey, cursor, pageIndex]);

  return { ...state, paging };
}
