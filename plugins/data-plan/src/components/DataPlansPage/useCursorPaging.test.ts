import { act, renderHook } from '@testing-library/react';
import { useCursorPaging } from './useCursorPaging';

describe('useCursorPaging', () => {
  it('walks forward through cursors and back to the first page', () => {
    const { result } = renderHook(() => useCursorPaging('query'));
    expect(result.current).toMatchObject({ cursor: undefined, pageIndex: 0 });

    act(() => result.current.next('c2'));
    act(() => result.current.next('c3'));
    expect(result.current).toMatchObject({ cursor: 'c3', pageIndex: 2 });

    act(() => result.current.previous());
    expect(result.current).toMatchObject({ cursor: 'c2', pageIndex: 1 });
    act(() => result.current.previous());
    expect(result.current).toMatchObject({ cursor: undefined, pageIndex: 0 });
  });

  it('starts at the first page in the same render when the query changes', () => {
    const { result, rerender } = renderHook(
      ({ queryKey }) => useCursorPaging(queryKey),
      { initialProps: { queryKey: 'a' } },
    );
    act(() => result.current.next('c2'));
    expect(result.current.cursor).toBe('c2');

    rerender({ queryKey: 'b' });
    expect(result.current).toMatchObject({ cursor: undefined, pageIndex: 0 });

    act(() => result.current.next('b2'));
    expect(result.current).toMatchObject({ cursor: 'b2', pageIndex: 1 });
  });
});
