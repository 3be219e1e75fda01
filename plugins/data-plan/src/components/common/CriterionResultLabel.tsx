import CancelOutlined from '@material-ui/icons/CancelOutlined';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import HelpOutline from '@material-ui/icons/HelpOutline';
import Schedule from '@material-ui/icons/Schedule';
import { CriterionResult } from '@dataplan/plugin-data-plan-common';
import { IconLabel, ToneIcon } from './IconLabel';

/** The words a criterion's result is shown with, next to its icon. */
export const CRITERION_RESULT_LABELS: Record<CriterionResult, string> = {
  pass: 'Pass',
  fail: 'Fail',
  pending: 'Pending',
  unknown: 'Unknown',
};

const ICONS: Record<CriterionResult, ToneIcon> = {
  pass: { icon: CheckCircleOutline, tone: 'success' },
  fail: { icon: CancelOutlined, tone: 'error' },
  pending: { icon: Schedule, tone: 'secondary' },
  unknown: { icon: HelpOutline, tone: 'secondary' },
};

/**
 * A validation result as an icon and its word (or `label`, e.g. "5 pass"); the colour only
 * repeats what the words say.
 */
export function CriterionResultLabel(props: {
  result: CriterionResult;
  label?: string;
}) {
  const { result, label = CRITERION_RESULT_LABELS[result] } = props;
  return (
    <IconLabel
      {...ICONS[result]}
      strong={result === 'fail'}
      data-result={result}
    >
      {label}
    </IconLabel>
  );
}
