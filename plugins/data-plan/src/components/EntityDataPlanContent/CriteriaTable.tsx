import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import { Criterion } from '@dataplan/plugin-data-plan-common';
import { CriterionResultLabel } from '../common/CriterionResultLabel';
import { PlanTable, RowHeaderCell } from './PlanTable';

const useStyles = makeStyles(theme => ({
  failed: { backgroundColor: alpha(theme.palette.error.main, 0.08) },
}));

/** Validation criteria with their result (icon and word); failed rows are tinted too. */
export function CriteriaTable(props: { label: string; criteria: Criterion[] }) {
  const { label, criteria } = props;
  const classes = useStyles();
  if (criteria.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No criteria.
      </Typography>
    );
  }
  return (
    <PlanTable
      label={label}
      columns={['Criteria', 'Measurement', 'Target', 'Actual', 'Result']}
    >
      {criteria.map((criterion, index) => (
        <TableRow
          key={`${criterion.line ?? index}-${criterion.criteria}`}
          className={criterion.result === 'fail' ? classes.failed : undefined}
        >
          <RowHeaderCell>{criterion.criteria}</RowHeaderCell>
          <TableCell>{criterion.measurement || '—'}</TableCell>
          <TableCell>{criterion.target || '—'}</TableCell>
          <TableCell>{criterion.actual || '—'}</TableCell>
          <TableCell>
            <CriterionResultLabel result={criterion.result} />
          </TableCell>
        </TableRow>
      ))}
    </PlanTable>
  );
}
