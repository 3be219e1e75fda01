import { makeStyles } from '@material-ui/core/styles';
import CancelOutlined from '@material-ui/icons/CancelOutlined';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import Schedule from '@material-ui/icons/Schedule';
import { ReviewStatus } from '@dataplan/plugin-data-plan-common';

const LABELS: Record<ReviewStatus, string> = {
  APPROVED: 'Approved',
  PENDING: 'Pending',
  REJECTED: 'Rejected',
};

const ICONS: Record<ReviewStatus, typeof Schedule> = {
  APPROVED: CheckCircleOutline,
  PENDING: Schedule,
  REJECTED: CancelOutlined,
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  APPROVED: { color: theme.palette.success.main },
  PENDING: { color: theme.palette.text.secondary },
  REJECTED: { color: theme.palette.error.main },
}));

/** A reviewer's decision as an icon and a word; a missing decision reads "Pending". */
export function ReviewStatusLabel(props: { status?: ReviewStatus }) {
  const status = props.status ?? 'PENDING';
  const classes = useStyles();
  const Icon = ICONS[status];
  return (
    <span className={classes.root}>
      <Icon fontSize="small" className={classes[status]} aria-hidden />
      {LABELS[status]}
    </span>
  );
}
