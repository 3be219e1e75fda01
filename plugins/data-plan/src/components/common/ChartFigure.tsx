import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactElement, useId } from 'react';
import { ResponsiveContainer } from 'recharts';

const useStyles = makeStyles({
  figure: { margin: 0 },
  // Read by screen readers, not drawn: the chart is the sighted reader's view of it.
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** The data of a chart as a table: a row per point, headed by its date. */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: Array<{ key: string; header: string; cells: string[] }>;
}

/**
 * A chart with its text alternative: the title names the figure and the drawing, the
 * summary (shown under the chart) describes it, and a visually hidden table gives every
 * value. The drawing itself is one image to assistive technology.
 */
export function ChartFigure(props: {
  title: string;
  summary: string;
  table: ChartTable;
  height?: number;
  children: ReactElement;
}) {
  const { title, summary, table, height = 220, children } = props;
  const classes = useStyles();
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure className={classes.figure}>
      <Typography variant="subtitle2" component="figcaption" id={titleId}>
        {title}
      </Typography>
      <Box role="img" aria-labelledby={titleId} aria-describedby={summaryId}>
        {/* The initial size draws the chart before the first measurement (and in tests,
            where nothing is measured). */}
        <ResponsiveContainer
          width="100%"
          height={height}
          initialDimension={{ width: 480, height }}
        >
          {children}
        </ResponsiveContainer>
      </Box>
      <Typography variant="body2" color="textSecondary" id={summaryId}>
        {summary}
      </Typography>
      <table className={classes.visuallyHidden}>
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {table.columns.map(column => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map(row => (
            <tr key={row.key}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, index) => (
                <td key={table.columns[index]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
