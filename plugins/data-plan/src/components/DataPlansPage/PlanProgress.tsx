import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  PLAN_STATUS_LABELS,
  PLAN_STATUSES,
  PlanStatus,
} from '@dataplan/plugin-data-plan-common';

/**
 * Where a plan is in its lifecycle (Draft … Complete) as "Step n of 5" and a bar: the
 * list carries no finer progress than the status.
 */
export function PlanProgress(props: { status?: PlanStatus }) {
  const { status } = props;
  if (!status) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        Not known
      </Typography>
    );
  }
  const step = PLAN_STATUSES.indexOf(status) + 1;
  const total = PLAN_STATUSES.length;
  return (
    <Box minWidth={96}>
      <Typography variant="body2" component="span">
        Step {step} of {total}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={(step / total) * 100}
        aria-label={`Lifecycle: step ${step} of ${total}, ${PLAN_STATUS_LABELS[status]}`}
      />
    </Box>
  );
}
