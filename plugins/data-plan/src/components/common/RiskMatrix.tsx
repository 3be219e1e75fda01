import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { alpha, makeStyles, useTheme } from '@material-ui/core/styles';
import {
  DEFAULT_POLICY,
  LEVEL_LABELS,
  LEVELS,
  RiskMatrix as RiskMatrixCounts,
  riskScore,
} from '@dataplan/plugin-data-plan-common';

const useStyles = makeStyles(theme => ({
  table: { width: 'auto' },
  cell: { textAlign: 'center', minWidth: theme.spacing(10) },
}));

function MatrixCell(props: { count: number; score: number; label: string }) {
  const classes = useStyles();
  const theme = useTheme();
  // Shade grows with probability × impact (1…9); the count is always written too.
  const style = {
    backgroundColor: alpha(theme.palette.error.main, (props.score - 1) / 12),
    fontWeight: props.score >= DEFAULT_POLICY.highRiskScore ? 700 : undefined,
  };
  return (
    <TableCell
      className={classes.cell}
      style={style}
      aria-label={props.label}
      title={props.label}
    >
      {props.count}
    </TableCell>
  );
}

/**
 * A 3×3 probability × impact table of risk counts. Rows are probability (high at the top),
 * columns impact; each cell's shade follows its score and its count is written in it.
 */
export function RiskMatrix(props: {
  counts: RiskMatrixCounts;
  caption?: string;
}) {
  const { counts, caption = 'Risks by probability and impact' } = props;
  const classes = useStyles();
  return (
    <Table size="small" className={classes.table} aria-label={caption}>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            Probability \ Impact
          </TableCell>
          {LEVELS.map(impact => (
            <TableCell
              key={impact}
              component="th"
              scope="col"
              className={classes.cell}
            >
              {LEVEL_LABELS[impact]} impact
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {[...LEVELS].reverse().map(probability => (
          <TableRow key={probability}>
            {/* MUI gives a body th the role "cell"; say it is the row's header. */}
            <TableCell component="th" scope="row" role="rowheader">
              {LEVEL_LABELS[probability]} probability
            </TableCell>
            {LEVELS.map(impact => {
              // A result stored before the matrix had this shape reads as zeros until reread.
              const count = counts[probability]?.[impact] ?? 0;
              const score = riskScore(probability, impact)!;
              return (
                <MatrixCell
                  key={impact}
                  count={count}
                  score={score}
                  label={`${count} ${count === 1 ? 'risk' : 'risks'} with ${
                    LEVEL_LABELS[probability]
                  } probability and ${LEVEL_LABELS[impact]} impact`}
                />
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
