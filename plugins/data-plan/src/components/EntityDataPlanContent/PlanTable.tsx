import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  // Long names and paths wrap inside their cell instead of widening the card; a scrolling
  // wrapper would need its own tab stop.
  table: { '& th, & td': { overflowWrap: 'anywhere' } },
});

/** A compact `<table>` with a name and `<th scope="col">` headers. */
export function PlanTable(props: {
  label: string;
  columns: string[];
  children: ReactNode;
}) {
  const { label, columns, children } = props;
  const classes = useStyles();
  return (
    <Table size="small" aria-label={label} className={classes.table}>
      <TableHead>
        <TableRow>
          {columns.map(column => (
            <TableCell key={column} component="th" scope="col">
              {column}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>{children}</TableBody>
    </Table>
  );
}

/**
 * A body cell heading its row. MUI gives any `component="th"` body cell the role "cell",
 * which would hide it from assistive technology as a header; this restores "rowheader".
 */
export function RowHeaderCell(props: {
  children: ReactNode;
  rowSpan?: number;
}) {
  return (
    <TableCell
      component="th"
      scope="row"
      role="rowheader"
      rowSpan={props.rowSpan}
    >
      {props.children}
    </TableCell>
  );
}
