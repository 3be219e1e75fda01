import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ChevronLeft from '@material-ui/icons/ChevronLeft';
import ChevronRight from '@material-ui/icons/ChevronRight';
import { useId } from 'react';
import { PAGE_SIZES } from './planListView';

/** "1–25 of 4,321" for the rows on screen. */
export function formatRange(
  pageIndex: number,
  pageSize: number,
  rowCount: number,
  totalCount: number,
): string {
  const total = totalCount.toLocaleString('en-US');
  if (rowCount === 0) return `0 of ${total}`;
  const first = pageIndex * pageSize + 1;
  const last = first + rowCount - 1;
  return `${first.toLocaleString('en-US')}–${last.toLocaleString(
    'en-US',
  )} of ${total}`;
}

/**
 * Keyset paging controls: page size, where we are, and previous/next. There are no page
 * numbers to jump to, because the backend pages by cursor.
 */
export function PlansPagination(props: {
  pageIndex: number;
  pageSize: number;
  rowCount: number;
  totalCount: number;
  hasNext: boolean;
  disabled?: boolean;
  onNext: () => void;
  onPrevious: () => void;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const {
    pageIndex,
    pageSize,
    rowCount,
    totalCount,
    hasNext,
    disabled = false,
    onNext,
    onPrevious,
    onPageSizeChange,
  } = props;
  const id = useId();
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      flexWrap="wrap"
      p={1}
    >
      <TextField
        id={id}
        select
        size="small"
        label="Rows per page"
        value={pageSize}
        // Wide enough for the label on one line; narrower, it wrapped over the value.
        style={{ minWidth: 112 }}
        onChange={event => onPageSizeChange(Number(event.target.value))}
        SelectProps={{ native: true }}
      >
        {PAGE_SIZES.map(size => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </TextField>
      <Box mx={2}>
        <Typography variant="body2" role="status" data-testid="page-range">
          {formatRange(pageIndex, pageSize, rowCount, totalCount)}
        </Typography>
      </Box>
      <Button
        startIcon={<ChevronLeft aria-hidden />}
        disabled={disabled || pageIndex === 0}
        onClick={onPrevious}
      >
        Previous page
      </Button>
      <Button
        endIcon={<ChevronRight aria-hidden />}
        disabled={disabled || !hasNext}
        onClick={onNext}
      >
        Next page
      </Button>
    </Box>
  );
}
