import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import {
  PLAN_STATUSES,
  PlanFacetsResponse,
  NO_STATUS,
  StatusCountKey,
} from '@dataplan/plugin-data-plan-common';
import { PlanStatusChip } from '../common';

const useStyles = makeStyles(theme => ({
  share: { minWidth: theme.spacing(16) },
  track: {
    height: theme.spacing(1),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.action.hover,
  },
  bar: {
    height: '100%',
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.primary.main,
  },
}));

const ROWS: StatusCountKey[] = [...PLAN_STATUSES, NO_STATUS];

/** The share of `count` in `total` as a whole percentage; "<1%" rather than a false 0%. */
function percentLabel(count: number, total: number): string {
  const percent = total > 0 ? Math.round((count / total) * 100) : 0;
  return count > 0 && percent === 0 ? '<1%' : `${percent}%`;
}

/**
 * How many matching projects are in each lifecycle status, plus those without one: a
 * table of status, count and share, the share both written and drawn as a bar.
 */
export function StatusDistribution(props: {
  byStatus: PlanFacetsResponse['byStatus'];
  total: number;
}) {
  const { byStatus, total } = props;
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Projects by status">
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            Status
          </TableCell>
          <TableCell component="th" scope="col" align="right">
            Projects
          </TableCell>
          <TableCell component="th" scope="col">
            Share
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {ROWS.map(status => {
          const count = byStatus[status] ?? 0;
          const width = total > 0 ? (count / total) * 100 : 0;
          return (
            <TableRow key={status} data-testid={`status-row-${status}`}>
              {/* MUI gives a <th> in the body role="cell": keep it a row header. */}
              <TableCell component="th" scope="row" role="rowheader">
                <PlanStatusChip
                  status={status === NO_STATUS ? undefined : status}
                />
              </TableCell>
              <TableCell align="right">
                {count.toLocaleString('en-US')}
              </TableCell>
              <TableCell className={classes.share}>
                {percentLabel(count, total)}
                <div className={classes.track} aria-hidden>
                  <div className={classes.bar} style={{ width: `${width}%` }} />
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
