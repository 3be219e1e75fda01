import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

/**
 * How a column's text may wrap:
 * - `anywhere` (the default): long names, paths and lists break between any two characters
 *   rather than widen the card (a scrolling wrapper would need its own tab stop);
 * - `words`: prose wraps between words only;
 * - `nowrap`: short values ("transformation", "table", a number) stay on one line.
 *
 * `anywhere` lets the browser shrink a column to one character; give short columns
 * `nowrap` or `words` so that their words are not cut ("Kin d", "tab le").
 */
export type ColumnWrap = 'anywhere' | 'words' | 'nowrap';

/** A column's header, and how its cells wrap. */
export type PlanColumn = string | { label: string; wrap: ColumnWrap };

const useStyles = makeStyles({
  table: {
    '& th, & td': { overflowWrap: 'anywhere' },
    // Nested under the table to outweigh the rule above.
    '& $words': { overflowWrap: 'normal', wordBreak: 'normal' },
    '& $nowrap': {
      overflowWrap: 'normal',
      wordBreak: 'normal',
      whiteSpace: 'nowrap',
    },
  },
  words: {},
  nowrap: {},
});

function useWrapClass(): (wrap: ColumnWrap) => string | undefined {
  const classes = useStyles();
  return wrap => (wrap === 'anywhere' ? undefined : classes[wrap]);
}

/**
 * A compact `<table>` with a name and `<th scope="col">` headers. Header words are never
 * cut; a column's cells wrap as its `wrap` says (pass the same to the body cells with
 * {@link PlanCell}).
 */
export function PlanTable(props: {
  label: string;
  columns: PlanColumn[];
  children: ReactNode;
}) {
  const { label, columns, children } = props;
  const classes = useStyles();
  return (
    <Table size="small" aria-label={label} className={classes.table}>
      <TableHead>
        <TableRow>
          {columns.map(column => {
            const { label: header, wrap } =
              typeof column === 'string'
                ? { label: column, wrap: 'anywhere' as const }
                : column;
            return (
              <TableCell
                key={header}
                component="th"
                scope="col"
                className={wrap === 'nowrap' ? classes.nowrap : classes.words}
              >
                {header}
              </TableCell>
            );
          })}
        </TableRow>
      </TableHead>
      <TableBody>{children}</TableBody>
    </Table>
  );
}

/** A body cell of a {@link PlanTable} that wraps as `wrap` says (default `anywhere`). */
export function PlanCell(props: {
  wrap?: ColumnWrap;
  colSpan?: number;
  children: ReactNode;
}) {
  const { wrap = 'anywhere', colSpan, children } = props;
  const wrapClass = useWrapClass();
  return (
    <TableCell colSpan={colSpan} className={wrapClass(wrap)}>
      {children}
    </TableCell>
  );
}

/**
 * A body cell heading its row. MUI gives any `component="th"` body cell the role "cell",
 * which would hide it from assistive technology as a header; this restores "rowheader".
 */
export function RowHeaderCell(props: {
  children: ReactNode;
  rowSpan?: number;
  wrap?: ColumnWrap;
}) {
  const { wrap = 'anywhere' } = props;
  const wrapClass = useWrapClass();
  return (
    <TableCell
      component="th"
      scope="row"
      role="rowheader"
      rowSpan={props.rowSpan}
      className={wrapClass(wrap)}
    >
      {props.children}
    </TableCell>
  );
}
