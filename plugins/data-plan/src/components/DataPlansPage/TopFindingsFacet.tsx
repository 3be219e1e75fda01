import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PlanFacetsResponse } from '@dataplan/plugin-data-plan-common';
import { SeverityLabel } from '../common/SeverityLabel';

const useStyles = makeStyles({
  // The theme lets table text break anywhere; header words stay whole ("Projects").
  header: { wordBreak: 'normal' },
});

/**
 * The rules with active findings in the most matching projects, as the backend counted
 * them. Clicking a rule narrows the page to the projects where it fires; the rule filtered
 * by is marked pressed.
 */
export function TopFindingsFacet(props: {
  rules: PlanFacetsResponse['rules'];
  selected?: string;
  onSelectRule: (rule: string) => void;
}) {
  const { rules, selected, onSelectRule } = props;
  const classes = useStyles();
  if (rules.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No active findings in the matching projects.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Top findings by rule">
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col" className={classes.header}>
            Rule
          </TableCell>
          <TableCell component="th" scope="col" className={classes.header}>
            Severity
          </TableCell>
          <TableCell
            component="th"
            scope="col"
            align="right"
            className={classes.header}
          >
            Projects
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rules.map(({ rule, severity, projects }) => (
          <TableRow key={rule}>
            {/* MUI gives a <th> in the body role="cell": keep it a row header. */}
            <TableCell component="th" scope="row" role="rowheader">
              <Button
                size="small"
                color="primary"
                aria-label={`Filter by rule ${rule}`}
                aria-pressed={rule === selected}
                onClick={() => onSelectRule(rule)}
              >
                {rule}
              </Button>
            </TableCell>
            <TableCell>
              <SeverityLabel severity={severity} />
            </TableCell>
            <TableCell align="right">
              {projects.toLocaleString('en-US')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
