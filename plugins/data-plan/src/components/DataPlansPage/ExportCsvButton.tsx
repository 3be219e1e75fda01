import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import GetApp from '@material-ui/icons/GetApp';
import { PlanListFilters } from '@dataplan/plugin-data-plan-common';
import { useState } from 'react';
import { dataPlanApiRef } from '../../api';

const FILE_NAME = 'data-plans.csv';

/** Hands a blob to the browser as a file download. */
function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    // Some browsers read the URL after click() returns: let the download start first.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/**
 * Downloads every project matching the filters as CSV. The backend streams all rows, not
 * just the page on screen; failures go to the app's alert display.
 */
export function ExportCsvButton(props: { filters: PlanListFilters }) {
  const { filters } = props;
  const api = useApi(dataPlanApiRef);
  const alertApi = useApi(alertApiRef);
  const [running, setRunning] = useState(false);

  const exportCsv = async () => {
    setRunning(true);
    try {
      download(await api.exportCsv(filters), FILE_NAME);
    } catch (error) {
      // The server's own reason is more useful than "Request failed with 500".
      const reason = ResponseError.is(error)
        ? error.cause.message
        : (error as Error).message;
      alertApi.post({
        message: `Could not export the data plans: ${reason}`,
        severity: 'error',
      });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Button
      variant="outlined"
      startIcon={
        running ? (
          <CircularProgress size={16} aria-hidden />
        ) : (
          <GetApp aria-hidden />
        )
      }
      onClick={exportCsv}
      disabled={running}
      aria-busy={running}
    >
      Export CSV
    </Button>
  );
}
