import { useTheme } from '@material-ui/core/styles';
import {
  HISTORY_METRICS,
  HistoryMetric,
  PlanHistoryResponse,
  HISTORY_METRIC_LABELS,
} from '@dataplan/plugin-data-plan-common';
import { useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure, ChartTable } from '../common/ChartFigure';
import {
  calendarDaysBetween,
  describeChange,
  formatDay,
  formatTick,
} from '../common/chartSummary';
import { formatPassRate } from '../common/formatPassRate';

const METRICS = Object.keys(HISTORY_METRICS) as HistoryMetric[];
const PASS_RATE = 'Pass rate';

type Points = PlanHistoryResponse['points'];

/** The summary sentences of the chart: how each count and the pass rate changed. */
export function describeHistory(points: Points): string {
  if (points.length === 0) return 'No history yet.';
  const days = calendarDaysBetween(
    points[0].recordedAt,
    points[points.length - 1].recordedAt,
  );
  return [
    ...METRICS.map(metric =>
      describeChange(
        HISTORY_METRIC_LABELS[metric],
        points.map(p => p[metric]),
        days,
      ),
    ),
    describeChange(
      PASS_RATE,
      points.map(p => p.passRate),
      days,
      rate => formatPassRate(rate)!,
    ),
  ].join(' ');
}

function historyTable(points: Points): ChartTable {
  return {
    caption: 'Findings, unmitigated high risks and pass rate by date',
    columns: [...METRICS.map(m => HISTORY_METRIC_LABELS[m]), PASS_RATE],
    rows: points.map((point, index) => ({
      key: `${index}-${point.recordedAt}`,
      header: formatDay(point.recordedAt),
      cells: [
        ...METRICS.map(m => point[m].toLocaleString('en-US')),
        formatPassRate(point.passRate) ?? 'none',
      ],
    })),
  };
}

/**
 * Errors, warnings, unmitigated high risks and drift of one project over time, with its
 * pass rate on a percentage axis of its own.
 */
export function HistoryChart(props: { points: Points }) {
  const { points } = props;
  const theme = useTheme();
  const colors: Record<HistoryMetric, string> = {
    errors: theme.palette.error.main,
    warnings: theme.palette.warning.main,
    unmitigatedHighRisks: theme.palette.secondary.main,
    drift: theme.palette.info.main,
  };
  const summary = useMemo(() => describeHistory(points), [points]);
  const table = useMemo(() => historyTable(points), [points]);
  return (
    <ChartFigure
      title="Findings and pass rate over time"
      summary={summary}
      table={table}
    >
      {/* No accessibility layer: the figure is one image, its table the way through it. */}
      <LineChart data={points} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="recordedAt" tickFormatter={formatTick} />
        <YAxis yAxisId="count" allowDecimals={false} />
        <YAxis
          yAxisId="rate"
          orientation="right"
          domain={[0, 1]}
          tickFormatter={rate => formatPassRate(rate) ?? ''}
        />
        <Tooltip
          labelFormatter={label => formatDay(String(label))}
          formatter={(value, name) =>
            name === PASS_RATE ? formatPassRate(Number(value)) : value
          }
        />
        <Legend />
        {METRICS.map(metric => (
          <Line
            key={metric}
            yAxisId="count"
            type="stepAfter"
            dataKey={metric}
            name={HISTORY_METRIC_LABELS[metric]}
            stroke={colors[metric]}
            dot={false}
            isAnimationActive={false}
          />
        ))}
        <Line
          yAxisId="rate"
          type="stepAfter"
          dataKey="passRate"
          name={PASS_RATE}
          stroke={theme.palette.success.main}
          strokeDasharray="5 3"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}
