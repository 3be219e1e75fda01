import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PlanHistoryResponse } from '@dataplan/plugin-data-plan-common';
import { PlanStatusChip } from '../common';
import { formatDay } from '../common/chartSummary';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
  },
}));

function daysLabel(days: number): string {
  return `${days.toLocaleString('en-US')} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * Each run of one status, oldest first, with when it began and ended and its days; the run
 * without an end is the current one, marked in words and with `aria-current`.
 */
export function StatusTimeline(props: {
  statuses: PlanHistoryResponse['statuses'];
}) {
  const classes = useStyles();
  return (
    <ol className={classes.list} aria-label="Status timeline">
      {props.statuses.map(run => {
        const current = run.until === undefined;
        return (
          <li
            key={run.since}
            className={classes.item}
            aria-current={current ? 'step' : undefined}
          >
            <PlanStatusChip status={run.status} />
            <Typography variant="body2" component="span">
              {current
                ? `since ${formatDay(run.since)}`
                : `${formatDay(run.since)} to ${formatDay(run.until!)}`}
            </Typography>
            <Typography variant="body2" component="span">
              <Box component="span" fontWeight="fontWeightMedium">
                {daysLabel(run.days)}
              </Box>
            </Typography>
            {current && (
              <Typography variant="caption" component="span">
                Current
              </Typography>
            )}
          </li>
        );
      })}
    </ol>
  );
}
