import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import { SEVERITIES, Severity } from '@dataplan/plugin-data-plan-common';

const ROWS: Record<Severity, { label: string; icon: JSX.Element }> = {
  error: { label: 'Errors', icon: <ErrorOutline aria-hidden /> },
  warning: { label: 'Warnings', icon: <ReportProblemOutlined aria-hidden /> },
  info: { label: 'Info', icon: <InfoOutlined aria-hidden /> },
};

/** Finding totals over every matching project, each with an icon and its name. */
export function FindingTotals(props: { findings: Record<Severity, number> }) {
  const { findings } = props;
  return (
    <Box component="dl" display="flex" flexWrap="wrap" m={0}>
      {SEVERITIES.map(severity => (
        <Box key={severity} display="flex" alignItems="center" mr={3}>
          <Typography component="dt" variant="body2">
            <Box component="span" display="flex" alignItems="center">
              {ROWS[severity].icon}
              <Box component="span" ml={0.5}>
                {ROWS[severity].label}:
              </Box>
            </Box>
          </Typography>
          <Typography
            component="dd"
            variant="body2"
            data-testid={`finding-total-${severity}`}
          >
            <Box component="span" ml={0.5} fontWeight="fontWeightBold">
              {findings[severity].toLocaleString('en-US')}
            </Box>
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
