import CancelOutlined from '@material-ui/icons/CancelOutlined';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import { IconLabel, ToneIcon } from '../common/IconLabel';

/** What the repository check found for one thing an object needs. */
export type RepositoryStatus = 'ok' | 'missing' | 'not-applicable';

const ICONS: Record<RepositoryStatus, ToneIcon> = {
  ok: { icon: CheckCircleOutline, tone: 'success' },
  missing: { icon: CancelOutlined, tone: 'error' },
  'not-applicable': { icon: RemoveCircleOutline, tone: 'secondary' },
};

/** A state as `true`, `false` or (not applicable) `null`. */
export function repositoryStatus(value: boolean | null): RepositoryStatus {
  if (value === null) return 'not-applicable';
  return value ? 'ok' : 'missing';
}

/**
 * One state of a planned object against its files (a file present, an object deployed) as
 * an icon and its words; the colour only repeats what the words say.
 */
export function RepositoryStatusLabel(props: {
  status: RepositoryStatus;
  children: string;
}) {
  const { status, children } = props;
  return (
    <IconLabel
      {...ICONS[status]}
      strong={status === 'missing'}
      data-repository-status={status}
    >
      {children}
    </IconLabel>
  );
}
