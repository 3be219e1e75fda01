import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import Edit from '@material-ui/icons/Edit';
import HelpOutline from '@material-ui/icons/HelpOutline';
import PlayCircleOutline from '@material-ui/icons/PlayCircleOutline';
import RateReview from '@material-ui/icons/RateReview';
import ThumbUpOutlined from '@material-ui/icons/ThumbUpOutlined';
import {
  PLAN_STATUS_LABELS,
  PlanStatus,
} from '@dataplan/plugin-data-plan-common';
import { planStatusColors } from './planStatusColors';

const STATUS_ICONS: Record<PlanStatus, JSX.Element> = {
  DRAFT: <Edit />,
  REVIEW: <RateReview />,
  APPROVED: <ThumbUpOutlined />,
  IN_PROGRESS: <PlayCircleOutline />,
  COMPLETE: <CheckCircleOutline />,
};

const useStyles = makeStyles(theme => {
  const colors = planStatusColors(theme);
  return {
    DRAFT: { borderColor: colors.DRAFT },
    REVIEW: { borderColor: colors.REVIEW },
    APPROVED: { borderColor: colors.APPROVED },
    IN_PROGRESS: { borderColor: colors.IN_PROGRESS },
    COMPLETE: { borderColor: colors.COMPLETE },
    unknown: { borderStyle: 'dashed' },
  };
});

/**
 * A plan's lifecycle status as an outlined chip with an icon and its name: the chip always
 * carries the name, not colour alone.
 * Without a status it reads "No status".
 */
export function PlanStatusChip(props: {
  status?: PlanStatus;
  size?: 'small' | 'medium';
}) {
  const { status, size = 'small' } = props;
  const classes = useStyles();
  if (!status) {
    return (
      <Chip
        size={size}
        variant="outlined"
        icon={<HelpOutline />}
        label="No status"
        className={classes.unknown}
      />
    );
  }
  return (
    <Chip
      size={size}
      variant="outlined"
      icon={STATUS_ICONS[status]}
      label={PLAN_STATUS_LABELS[status]}
      className={classes[status]}
      data-status={status}
    />
  );
}
