import { useCallback, useState } from 'react';

const FIRST_PAGE: string[] = [];

/**
 * Keyset paging: a stack of the cursors that led to the current page. `queryKey` names
 * the query (filters, sort, page size); when it changes, paging starts again at the
 * first page, in the same render, so that no request goes out with a stale cursor.
 */
export function useCursorPaging(queryKey: string) {
  const [state, setState] = useState({ queryKey, cursors: FIRST_PAGE });
  const cursors = state.queryKey === queryKey ? state.cursors : FIRST_PAGE;

  const next = useCallback(
    (nextCursor: string) =>
      setState({ queryKey, cursors: [...cursors, nextCursor] }),
    [queryKey, cursors],
  );
  const previous = useCallback(
    () => setState({ queryKey, cursors: cursors.slice(0, -1) }),
    [queryKey, cursors],
  );

  return {
    /** The cursor of the current page; none on the first. */
    cursor: cursors.length ? cursors[cursors.length - 1] : undefined,
    /** 0 on the first page. */
    pageIndex: cursors.length,
    next,
    previous,
  };
}
