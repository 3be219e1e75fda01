import { makeStyles } from '@material-ui/core/styles';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import { Severity } from '@dataplan/plugin-data-plan-common';

/** The words a severity is shown with, next to its icon. */
export const SEVERITY_LABELS: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/** Most severe first, for sorting. */
export const SEVERITY_ORDER: Record<Severity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

const ICONS: Record<Severity, typeof ErrorOutline> = {
  error: ErrorOutline,
  warning: ReportProblemOutlined,
  info: InfoOutlined,
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  error: { color: theme.palette.error.main },
  warning: { color: theme.palette.warning.main },
  info: { color: theme.palette.info.main },
}));

/**
 * A diagnostic's severity as an icon and its word (or `label`, e.g. "3 warnings"); never
 * colour alone.
 */
export function SeverityLabel(props: { severity: Severity; label?: string }) {
  const { severity, label = SEVERITY_LABELS[severity] } = props;
  const classes = useStyles();
  const Icon = ICONS[severity];
  return (
    <span className={classes.root} data-severity={severity}>
      <Icon fontSize="small" className={classes[severity]} aria-hidden />
      <span>{label}</span>
    </span>
  );
}
