import ErrorOutline from '@material-ui/icons/ErrorOutline';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import { Severity } from '@dataplan/plugin-data-plan-common';
import { IconLabel, ToneIcon } from './IconLabel';

/** The words a severity is shown with, next to its icon. */
export const SEVERITY_LABELS: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

const ICONS: Record<Severity, ToneIcon> = {
  error: { icon: ErrorOutline, tone: 'error' },
  warning: { icon: ReportProblemOutlined, tone: 'warning' },
  info: { icon: InfoOutlined, tone: 'info' },
};

/**
 * A diagnostic's severity as an icon and its word (or `label`, e.g. "3 warnings"); never
 * colour alone.
 */
export function SeverityLabel(props: { severity: Severity; label?: string }) {
  const { severity, label = SEVERITY_LABELS[severity] } = props;
  return (
    <IconLabel {...ICONS[severity]} data-severity={severity}>
      {label}
    </IconLabel>
  );
}
