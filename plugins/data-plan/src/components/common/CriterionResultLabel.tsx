import { makeStyles } from '@material-ui/core/styles';
import CancelOutlined from '@material-ui/icons/CancelOutlined';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import HelpOutline from '@material-ui/icons/HelpOutline';
import Schedule from '@material-ui/icons/Schedule';
import { CriterionResult } from '@dataplan/plugin-data-plan-common';

/** The words a criterion's result is shown with, next to its icon. */
export const CRITERION_RESULT_LABELS: Record<CriterionResult, string> = {
  pass: 'Pass',
  fail: 'Fail',
  pending: 'Pending',
  unknown: 'Unknown',
};

const ICONS: Record<CriterionResult, typeof CheckCircleOutline> = {
  pass: CheckCircleOutline,
  fail: CancelOutlined,
  pending: Schedule,
  unknown: HelpOutline,
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  pass: { color: theme.palette.success.main },
  fail: { color: theme.palette.error.main },
  pending: { color: theme.palette.text.secondary },
  unknown: { color: theme.palette.text.secondary },
  failText: { fontWeight: 700 },
}));

/**
 * A validation result as an icon and its word (or `label`, e.g. "5 pass"); the colour only
 * repeats what the words say.
 */
export function CriterionResultLabel(props: {
  result: CriterionResult;
  label?: string;
}) {
  const { result, label = CRITERION_RESULT_LABELS[result] } = props;
  const classes = useStyles();
  const Icon = ICONS[result];
  return (
    <span className={classes.root} data-result={result}>
      <Icon fontSize="small" className={classes[result]} aria-hidden />
      <span className={result === 'fail' ? classes.failText : undefined}>
        {label}
      </span>
    </span>
  );
}
