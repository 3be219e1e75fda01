import CancelOutlined from '@material-ui/icons/CancelOutlined';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import Schedule from '@material-ui/icons/Schedule';
import { ReviewStatus } from '@dataplan/plugin-data-plan-common';
import { IconLabel, ToneIcon } from '../common/IconLabel';

const SHOWN_AS: Record<ReviewStatus, ToneIcon & { label: string }> = {
  APPROVED: { label: 'Approved', icon: CheckCircleOutline, tone: 'success' },
  PENDING: { label: 'Pending', icon: Schedule, tone: 'secondary' },
  REJECTED: { label: 'Rejected', icon: CancelOutlined, tone: 'error' },
};

/** A reviewer's decision as an icon and a word; a missing decision reads "Pending". */
export function ReviewStatusLabel(props: { status?: ReviewStatus }) {
  const { label, ...icon } = SHOWN_AS[props.status ?? 'PENDING'];
  return <IconLabel {...icon}>{label}</IconLabel>;
}
