import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  daysBetween,
  driftCount,
  evaluatePlan,
  ParsedPlan,
  PlanDetailsResponse,
  SEVERITIES,
} from '@dataplan/plugin-data-plan-common';
import { Link } from '@backstage/core-components';
import { ReactNode, useMemo } from 'react';
import { PlanStatusChip, RefreshTime } from '../common';
import { InlineList } from '../common/InlineList';
import { SeverityLabel } from '../common/SeverityLabel';
import { ValidationSummary } from '../common/ValidationSummary';
import { REPOSITORY_SECTION_ID } from '../EntityDataPlanContent/RepositorySection';
import { TopRisksList } from './TopRisksList';

/** The card counts the problems that need attention only. */
const SHOWN_SEVERITIES = SEVERITIES.filter(severity => severity !== 'info');

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

/**
 * How far the files have drifted from the plan, linking to the tab's Repository section;
 * says so before any repository check.
 */
function DriftLine(props: {
  response: PlanDetailsResponse;
  viewPlan?: string;
}) {
  const { response, viewPlan } = props;
  if (!response.repository) {
    return (
      <Typography variant="body2" color="textSecondary">
        Drift: not checked yet
      </Typography>
    );
  }
  const text = `Drift: ${plural(
    driftCount({ diagnostics: response.diagnostics }),
    'finding',
  )}`;
  return (
    <Typography variant="body2">
      {viewPlan ? (
        <Link to={`${viewPlan}#${REPOSITORY_SECTION_ID}`}>{text}</Link>
      ) : (
        text
      )}
    </Typography>
  );
}

/**
 * The card's body for a read plan: status, validation, top risks, problem counts and
 * drift.
 */
export function PlanCardSummary(props: {
  response: PlanDetailsResponse & { plan: ParsedPlan };
  /** The plan tab, which the drift count links to. */
  viewPlan?: string;
  /** The day days are counted up to; default now. */
  now?: Date;
}) {
  const { response } = props;
  const now = props.now ?? new Date();
  // Counted when shown: the response says since when, never how many days.
  const daysInStatus =
    response.statusSince === undefined
      ? undefined
      : Math.max(0, daysBetween(new Date(response.statusSince), now));
  const waived = response.diagnostics.filter(d => d.waiver).length;
  const { plan } = response;
  const evaluation = useMemo(
    () => response.evaluation ?? evaluatePlan(plan),
    [response.evaluation, plan],
  );
  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <PlanStatusChip status={evaluation.summary.status} />
        {daysInStatus !== undefined && (
          <Typography variant="caption">
            for {plural(daysInStatus, 'day')}
          </Typography>
        )}
        <Typography variant="caption" color="textSecondary">
          Plan {plan.metadata.planVersion ?? 'version not stated'} · read{' '}
          <RefreshTime time={response.refresh.lastRefreshedAt} />
        </Typography>
      </Box>

      <Heading>Validation</Heading>
      <ValidationSummary evaluation={evaluation} compact />

      <Heading>Top risks</Heading>
      <TopRisksList
        risks={plan.risks}
        unmitigated={evaluation.risks.unmitigated}
      />

      <Heading>Problems</Heading>
      <InlineList
        label="Diagnostics and findings by severity"
        gap={12}
        small
        items={[
          ...SHOWN_SEVERITIES.map(severity => ({
            key: severity,
            content: (
              <SeverityLabel
                severity={severity}
                label={plural(evaluation.summary.counts[severity], severity)}
              />
            ),
          })),
          {
            key: 'waived',
            content: (
              <Typography variant="body2" component="span">
                {waived} waived
              </Typography>
            ),
          },
        ]}
      />
      <Box mt={1}>
        <DriftLine response={response} viewPlan={props.viewPlan} />
      </Box>
    </>
  );
}
