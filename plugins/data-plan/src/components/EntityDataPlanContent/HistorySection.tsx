import { ResponseErrorPanel, Progress } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { PlanHistoryResponse } from '@dataplan/plugin-data-plan-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlanApiRef } from '../../api';
import { HistoryChart } from './HistoryChart';
import { PlanSection, SectionSubheading } from './PlanSection';
import { StatusTimeline } from './StatusTimeline';

/** How the backend filled the history from the repository's git log. */
type HistoryBackfill = PlanHistoryResponse['backfill'];

/** What the backfill means for the history shown, in words; nothing for an unknown state. */
export function backfillNote(backfill: HistoryBackfill): string | undefined {
  const reason = backfill.reason?.trim();
  const because = (text: string) =>
    reason ? `${text}: ${reason}` : `${text}.`;
  switch (backfill.state) {
    case 'done':
      return 'Includes the plan’s earlier versions from git history.';
    case 'running':
    case 'pending':
      return reason
        ? `Reading the plan’s earlier versions from git history waits: ${reason}`
        : 'Reading the plan’s earlier versions from git history…';
    case 'unsupported':
      return because('No history from git for this host');
    case 'failed':
      return because('Reading history from git failed');
    default:
      return undefined;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof ResponseError && error.response.status === 404;
}

/** A history as shown: none from the backend (404) is empty and says nothing of git. */
type ShownHistory = Omit<PlanHistoryResponse, 'backfill'> &
  Partial<Pick<PlanHistoryResponse, 'backfill'>>;

function HistoryBody(props: { history: ShownHistory }) {
  const { history } = props;
  const note = (() => {
    return history.backfill && backfillNote(history.backfill);
  })();
  return (
    <>
      {note && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {note}
        </Typography>
      )}
      {history.statuses.length > 0 && (
        <>
          <SectionSubheading>Status timeline</SectionSubheading>
          <StatusTimeline statuses={history.statuses} />
        </>
      )}
      <SectionSubheading>Over time</SectionSubheading>
      {history.points.length > 1 ? (
        <HistoryChart points={history.points} />
      ) : (
        <Box data-testid="history-empty">
          <Typography variant="body1">
            History starts when the plan is first read.
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Each read that changes the plan’s status or counts adds a point
            here.
          </Typography>
        </Box>
      )}
    </>
  );
}

/**
 * The tab's "History" section: how long the plan stayed in each status, and its findings,
 * unmitigated high risks and pass rate over time. `readAt` (the plan's last read) makes it
 * read the history again after a refresh.
 */
export function HistorySection(props: {
  entity: CompoundEntityRef;
  readAt?: string;
}) {
  const { entity, readAt } = props;
  const api = useApi(dataPlanApiRef);
  const { kind, namespace, name } = entity;
  const history = useAsyncRetry(
    () => api.getHistory({ kind, namespace, name }),
    [api, kind, namespace, name, readAt],
  );

  let body;
  if (history.error && !history.loading && !isNotFound(history.error)) {
    body = (
      <>
        <ResponseErrorPanel
          error={history.error}
          title="Could not load the history"
        />
        <Box mt={2}>
          <Button variant="outlined" onClick={history.retry}>
            Try again
          </Button>
        </Box>
      </>
    );
  } else if (history.loading && !history.value) {
    body = <Progress aria-label="Loading the history" />;
  } else {
    body = (
      <HistoryBody
        history={
          history.value ?? {
            entityRef: '',
            statuses: [],
            points: [],
          }
        }
      />
    );
  }
  return <PlanSection title="History">{body}</PlanSection>;
}
