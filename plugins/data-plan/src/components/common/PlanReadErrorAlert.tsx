import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { PlanDetailsResponse } from '@dataplan/plugin-data-plan-common';
import { ReactNode } from 'react';
import { RefreshTime } from './RefreshTime';

/**
 * The last read of the plan failed: the error, when the last good read was, and whether
 * what is shown below is that last good data.
 */
export function PlanReadErrorAlert(props: {
  refresh: PlanDetailsResponse['refresh'];
  showingLastGood: boolean;
  action?: ReactNode;
}) {
  const { refresh, showingLastGood, action } = props;
  return (
    <Alert severity="error" action={action}>
      <AlertTitle>The plan could not be read</AlertTitle>
      <div>{refresh.lastError}</div>
      <div>
        Last good read:{' '}
        <RefreshTime time={refresh.lastSuccessAt} never="none yet" />
        {showingLastGood && '. Showing the plan from that read.'}
      </div>
    </Alert>
  );
}
