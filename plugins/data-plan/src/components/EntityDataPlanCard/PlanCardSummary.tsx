import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  CriterionResult,
  evaluatePlan,
  ParsedPlan,
  PlanDetailsResponse,
  Severity,
} from '@dataplan/plugin-data-plan-common';
import { ReactNode, useMemo } from 'react';
import { PlanStatusChip, RefreshTime } from '../common';
import {
  CRITERION_RESULT_LABELS,
  CriterionResultLabel,
} from '../common/CriterionResultLabel';
import { formatPassRate } from '../common/formatPassRate';
import { SeverityLabel } from '../common/SeverityLabel';
import { TopRisksList } from './TopRisksList';

const RESULTS: CriterionResult[] = ['pass', 'fail', 'pending'];
const SEVERITIES: Severity[] = ['error', 'warning'];

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function Heading(props: { children: ReactNode }) {
  return (
    <Box mt={2} mb={0.5}>
      <Typography variant="subtitle2" component="h3">
        {props.children}
      </Typography>
    </Box>
  );
}

function InlineCounts(props: { label: string; children: ReactNode }) {
  return (
    <Box
      component="ul"
      display="flex"
      flexWrap="wrap"
      p={0}
      m={0}
      style={{ listStyle: 'none', gap: 12 }}
      aria-label={props.label}
    >
      {props.children}
    </Box>
  );
}

/** The card's body for a read plan: status, validation, top risks and problem counts. */
export function PlanCardSummary(props: {
  response: PlanDetailsResponse & { plan: ParsedPlan };
}) {
  const { response } = props;
  const { plan } = response;
  const evaluation = useMemo(
    () => response.evaluation ?? evaluatePlan(plan),
    [response.evaluation, plan],
  );
  const { counts } = evaluation.validation;
  const passRate = formatPassRate(evaluation.summary.validationPassRate);
  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <PlanStatusChip status={evaluation.summary.status} />
        <Typography variant="caption" color="textSecondary">
          Plan {plan.metadata.planVersion ?? 'version not stated'} · read{' '}
          <RefreshTime time={response.refresh.lastRefreshedAt} />
        </Typography>
      </Box>

      <Heading>Validation</Heading>
      <Typography variant="body2">
        {passRate ? `${passRate} pass rate` : 'No results yet'}
      </Typography>
      <InlineCounts label="Criteria by result">
        {RESULTS.map(result => (
          <li key={result}>
            <Typography variant="body2" component="span">
              <CriterionResultLabel
                result={result}
                label={`${counts[result]} ${CRITERION_RESULT_LABELS[
                  result
                ].toLocaleLowerCase('en-US')}`}
              />
            </Typography>
          </li>
        ))}
      </InlineCounts>

      <Heading>Top risks</Heading>
      <TopRisksList
        risks={plan.risks}
        unmitigated={evaluation.risks.unmitigated}
      />

      <Heading>Problems</Heading>
      <InlineCounts label="Diagnostics and findings by severity">
        {SEVERITIES.map(severity => (
          <li key={severity}>
            <Typography variant="body2" component="span">
              <SeverityLabel
                severity={severity}
                label={plural(evaluation.summary.counts[severity], severity)}
              />
            </Typography>
          </li>
        ))}
      </InlineCounts>
    </>
  );
}
