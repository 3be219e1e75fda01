import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { makeStyles } from '@material-ui/core/styles';
import {
  PlanSortKey,
  PlanSummary,
  SortOrder,
} from '@dataplan/plugin-data-plan-common';
import { PlanRow } from './PlanRow';
import { usePlanTabLink } from './usePlanTabLink';

interface Column {
  label: string;
  /** The backend sort key of the column, when it can be sorted by. */
  sort?: PlanSortKey;
  align?: 'right';
}

const COLUMNS: Column[] = [
  { label: 'Project', sort: 'name' },
  { label: 'Owner', sort: 'owner' },
  { label: 'Status', sort: 'status' },
  { label: 'Progress' },
  { label: 'Highest risk', sort: 'risk' },
  { label: 'Validation' },
  { label: 'Errors', align: 'right' },
  { label: 'Warnings', align: 'right' },
  { label: 'Waived', align: 'right' },
  { label: 'Drift', align: 'right' },
  { label: 'Coverage' },
  { label: 'Stuck' },
  { label: 'Last refresh', sort: 'refreshed' },
];

const useStyles = makeStyles({
  // The theme lets table text break anywhere; header words stay whole ("Errors").
  header: { wordBreak: 'normal' },
});

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * One page of data projects, in the order the backend returned them. Sortable headers
 * ask the backend for another order; nothing is sorted here.
 */
export function PlansTable(props: {
  items: PlanSummary[];
  sort: PlanSortKey;
  order: SortOrder;
  onSort: (sort: PlanSortKey) => void;
}) {
  const { items, sort, order, onSort } = props;
  const planLink = usePlanTabLink();
  const classes = useStyles();
  return (
    <TableContainer>
      <Table size="small" aria-label="Data projects">
        <TableHead>
          <TableRow>
            {COLUMNS.map(column => {
              const active = column.sort !== undefined && column.sort === sort;
              return (
                <TableCell
                  key={column.label}
                  component="th"
                  scope="col"
                  align={column.align}
                  className={classes.header}
                  aria-sort={active ? ARIA_SORT[order] : undefined}
                >
                  {column.sort ? (
                    <TableSortLabel
                      active={active}
                      direction={active ? order : undefined}
                      onClick={() => onSort(column.sort!)}
                    >
                      {column.label}
                    </TableSortLabel>
                  ) : (
                    column.label
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(plan => (
            <PlanRow
              key={plan.entityRef}
              plan={plan}
              planLink={planLink(plan.entityRef)}
            />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
