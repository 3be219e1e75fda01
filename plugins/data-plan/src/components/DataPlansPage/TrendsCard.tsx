import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  PLAN_STATUS_LABELS,
  PLAN_STATUSES,
  PlanListFilters,
  PlanTrendsResponse,
  TREND_INTERVALS,
  TrendInterval,
  HISTORY_METRIC_LABELS,
} from '@dataplan/plugin-data-plan-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { dataPlanApiRef } from '../../api';
import { ChartFigure, ChartTable } from '../common/ChartFigure';
import {
  calendarDaysBetween,
  describeChange,
  formatDay,
  formatTick,
} from '../common/chartSummary';
import { planStatusColors, PlanStatusKey } from '../common/planStatusColors';

const headingProps = { component: 'h2' } as const;

const useStyles = makeStyles(theme => ({
  // The toggle's own greys (38% and 54% black) fall short of 4.5:1 contrast.
  interval: {
    color: theme.palette.text.secondary,
    '&$selected': { color: theme.palette.text.primary },
  },
  selected: {},
}));

const INTERVAL_LABELS: Record<TrendInterval, string> = {
  day: 'Daily',
  week: 'Weekly',
};

const STATUS_KEYS: PlanStatusKey[] = [...PLAN_STATUSES, 'UNKNOWN'];

function statusLabel(status: PlanStatusKey): string {
  return status === 'UNKNOWN' ? 'No status' : PLAN_STATUS_LABELS[status];
}

const LINE_METRICS = ['errors', 'unmitigatedHighRisks', 'drift'] as const;
const LINES_TITLE = 'Errors, unmitigated high risks and drift';

type Points = PlanTrendsResponse['points'];

/** The status counts of each point with every status present, for stacking. */
function statusRows(points: Points) {
  return points.map(point => {
    const row: Record<string, string | number> = { date: point.date };
    for (const status of STATUS_KEYS) row[status] = point.byStatus[status] ?? 0;
    return row;
  });
}

/** How the number of projects changed, and how the last point splits them by status. */
export function describeStatusTrend(trend: PlanTrendsResponse): string {
  const { points } = trend;
  if (points.length === 0) return 'No points in this period.';
  const days = calendarDaysBetween(trend.from, trend.to);
  const last = points[points.length - 1];
  const split = STATUS_KEYS.filter(s => (last.byStatus[s] ?? 0) > 0).map(
    s => `${(last.byStatus[s] ?? 0).toLocaleString('en-US')} ${statusLabel(s)}`,
  );
  return [
    describeChange(
      'Projects',
      points.map(p => p.projects),
      days,
    ),
    split.length > 0 ? `On ${formatDay(last.date)}: ${split.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** How errors, unmitigated high risks and drift changed over the period. */
export function describeFindingsTrend(trend: PlanTrendsResponse): string {
  const { points } = trend;
  if (points.length === 0) return 'No points in this period.';
  const days = calendarDaysBetween(trend.from, trend.to);
  return LINE_METRICS.map(metric =>
    describeChange(
      HISTORY_METRIC_LABELS[metric],
      points.map(p => p[metric]),
      days,
    ),
  ).join(' ');
}

function statusTable(points: Points): ChartTable {
  return {
    caption: 'Projects by status and date',
    columns: [...STATUS_KEYS.map(statusLabel), 'Total'],
    rows: points.map(point => ({
      key: point.date,
      header: formatDay(point.date),
      cells: [
        ...STATUS_KEYS.map(s =>
          (point.byStatus[s] ?? 0).toLocaleString('en-US'),
        ),
        point.projects.toLocaleString('en-US'),
      ],
    })),
  };
}

function findingsTable(points: Points): ChartTable {
  return {
    caption: `${LINES_TITLE} by date`,
    columns: LINE_METRICS.map(m => HISTORY_METRIC_LABELS[m]),
    rows: points.map(point => ({
      key: point.date,
      header: formatDay(point.date),
      cells: LINE_METRICS.map(m => point[m].toLocaleString('en-US')),
    })),
  };
}

function TrendCharts(props: { trend: PlanTrendsResponse }) {
  const { trend } = props;
  const theme = useTheme();
  const statusColors = planStatusColors(theme);
  const lineColors = {
    errors: theme.palette.error.main,
    unmitigatedHighRisks: theme.palette.secondary.main,
    drift: theme.palette.info.main,
  };
  const rows = useMemo(() => statusRows(trend.points), [trend.points]);
  const axis = (
    <XAxis dataKey="date" tickFormatter={formatTick} minTickGap={16} />
  );
  const tooltip = (
    <Tooltip labelFormatter={label => formatDay(String(label))} />
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={6}>
        <ChartFigure
          title="Projects by status"
          summary={describeStatusTrend(trend)}
          table={statusTable(trend.points)}
        >
          {/* No accessibility layer: the figure is one image, its table the way through it. */}
          <AreaChart data={rows} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            {axis}
            <YAxis allowDecimals={false} />
            {tooltip}
            <Legend />
            {STATUS_KEYS.map(status => (
              <Area
                key={status}
                type="stepAfter"
                dataKey={status}
                name={statusLabel(status)}
                stackId="status"
                stroke={statusColors[status]}
                fill={statusColors[status]}
                fillOpacity={0.6}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ChartFigure>
      </Grid>
      <Grid item xs={12} lg={6}>
        <ChartFigure
          title={LINES_TITLE}
          summary={describeFindingsTrend(trend)}
          table={findingsTable(trend.points)}
        >
          <LineChart data={trend.points} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            {axis}
            <YAxis allowDecimals={false} />
            {tooltip}
            <Legend />
            {LINE_METRICS.map(metric => (
              <Line
                key={metric}
                type="stepAfter"
                dataKey={metric}
                name={HISTORY_METRIC_LABELS[metric]}
                stroke={lineColors[metric]}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ChartFigure>
      </Grid>
    </Grid>
  );
}

/**
 * The governance page's "Trends" card: the projects matching the list's filters over
 * time, by status, and their errors, unmitigated high risks and drift, a point per day
 * or week.
 */
export function TrendsCard(props: { filters: PlanListFilters }) {
  const { filters } = props;
  const api = useApi(dataPlanApiRef);
  const classes = useStyles();
  const [interval, setTrendInterval] = useState<TrendInterval>('day');
  const filtersKey = JSON.stringify(filters);
  const trends = useAsync(
    () => api.getTrends({ ...filters, interval }),
    // The filters by value: a new object with the same filters asks nothing new.
    [api, filtersKey, interval],
  );

  const intervalSwitch = (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={interval}
      aria-label="Interval"
      onChange={(_event, value: TrendInterval | null) => {
        if (value) setTrendInterval(value);
      }}
    >
      {TREND_INTERVALS.map(value => (
        <ToggleButton
          key={value}
          value={value}
          classes={{ root: classes.interval, selected: classes.selected }}
        >
          {INTERVAL_LABELS[value]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );

  let body;
  if (trends.error && !trends.loading) {
    body = (
      <ResponseErrorPanel
        error={trends.error}
        title="Could not load the trends"
      />
    );
  } else if (!trends.value) {
    body = <Progress aria-label="Loading the trends" />;
  } else {
    body = (
      <Box position="relative" aria-busy={trends.loading}>
        {trends.loading && (
          <Box position="absolute" top={-8} left={0} right={0}>
            <LinearProgress aria-label="Updating the trends" />
          </Box>
        )}
        <TrendCharts trend={trends.value} />
      </Box>
    );
  }

  const subheader = trends.value
    ? `${formatDay(trends.value.from)} to ${formatDay(
        trends.value.to,
      )}, a point per ${trends.value.interval}`
    : undefined;
  return (
    <InfoCard
      title="Trends"
      titleTypographyProps={headingProps}
      subheader={subheader}
      action={intervalSwitch}
    >
      {body}
    </InfoCard>
  );
}
