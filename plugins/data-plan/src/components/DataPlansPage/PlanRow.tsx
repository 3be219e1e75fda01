import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import { MAX_RISK_SCORE, PlanSummary } from '@dataplan/plugin-data-plan-common';
import { PlanStatusChip, RefreshTime } from '../common';
import { parseOwnerRef } from './ownerLabel';
import { PlanProgress } from './PlanProgress';

function projectName(entityRef: string): string {
  try {
    return parseEntityRef(entityRef).name;
  } catch {
    return entityRef;
  }
}

function OwnerCell(props: { owner?: string }) {
  const { owner } = props;
  if (!owner) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        No owner
      </Typography>
    );
  }
  // Free-text owners (not entity refs) cannot be linked.
  return parseOwnerRef(owner) ? (
    <EntityRefLink entityRef={owner} defaultKind="group" hideIcon />
  ) : (
    <>{owner}</>
  );
}

function RiskCell(props: { risks: PlanSummary['risks'] }) {
  const { total, high, unmitigated, topScore } = props.risks;
  if (total === 0) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        No risks
      </Typography>
    );
  }
  return (
    <>
      <div>
        Score {topScore ?? '–'} of {MAX_RISK_SCORE}
      </div>
      <Typography variant="caption" component="div">
        {high} high, {unmitigated} unmitigated
      </Typography>
    </>
  );
}

function ValidationCell(props: { validation: PlanSummary['validation'] }) {
  const { pass, fail, pending, unknown } = props.validation;
  return (
    <Typography variant="body2" component="span">
      {pass} pass, {fail} fail, {pending} pending
      {unknown > 0 ? `, ${unknown} unknown` : ''}
    </Typography>
  );
}

function RefreshCell(props: { time?: string; lastError?: string }) {
  const { time, lastError } = props;
  return (
    <>
      <RefreshTime time={time} />
      {lastError && (
        <Box display="flex" alignItems="flex-start" mt={0.5}>
          <ErrorOutline fontSize="small" aria-hidden />
          <Typography variant="caption" component="span">
            <Box component="span" ml={0.5}>
              Last read failed: {lastError}
            </Box>
          </Typography>
        </Box>
      )}
    </>
  );
}

const NO_VALUE = '–';

/** The drift count; a dash before the first repository check, which is not "no drift". */
function DriftCell(props: { repository: PlanSummary['repository'] }) {
  const findings = props.repository?.findings;
  if (findings === undefined) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        component="span"
        title="Not checked against its repository yet"
      >
        {NO_VALUE}
      </Typography>
    );
  }
  return <>{findings}</>;
}

const COVERAGES = [
  { key: 'unitTestCoverage', label: 'Unit tests' },
  { key: 'deployCoverage', label: 'Deploy' },
  { key: 'rollbackCoverage', label: 'Rollback' },
] as const;

/**
 * Each coverage in percent (the summary holds it whole), a dash where there is nothing to
 * cover; one dash before the first repository check.
 */
function CoverageCell(props: { repository: PlanSummary['repository'] }) {
  const { repository } = props;
  if (!repository) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        {NO_VALUE}
      </Typography>
    );
  }
  return (
    <>
      {COVERAGES.map(({ key, label }) => {
        const percent = repository[key];
        return (
          <Typography key={key} variant="caption" component="div" noWrap>
            {label} {percent === undefined ? NO_VALUE : `${percent}%`}
          </Typography>
        );
      })}
    </>
  );
}

/** Since when the plan is stuck (its UTC day), in words; "No" when it is not. */
function StuckCell(props: { since?: string }) {
  const { since } = props;
  if (!since) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        No
      </Typography>
    );
  }
  return (
    <Typography variant="body2" component="span">
      Since {since.slice(0, 10)}
    </Typography>
  );
}

/** One data project in the governance table; every value is rendered as text. */
export function PlanRow(props: { plan: PlanSummary; planLink: string }) {
  const { plan, planLink } = props;
  return (
    <TableRow>
      {/* MUI gives a <th> in the body role="cell": keep it a row header. */}
      <TableCell component="th" scope="row" role="rowheader">
        <Link to={planLink}>{plan.title ?? projectName(plan.entityRef)}</Link>
      </TableCell>
      <TableCell>
        <OwnerCell owner={plan.owner} />
      </TableCell>
      <TableCell>
        <PlanStatusChip status={plan.status} />
        {plan.policy && (
          <Typography variant="caption" component="div">
            Policy {plan.policy}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <PlanProgress status={plan.status} />
      </TableCell>
      <TableCell>
        <RiskCell risks={plan.risks} />
      </TableCell>
      <TableCell>
        <ValidationCell validation={plan.validation} />
      </TableCell>
      <TableCell align="right">{plan.findings.error}</TableCell>
      <TableCell align="right">{plan.findings.warning}</TableCell>
      <TableCell align="right">{plan.findings.waived}</TableCell>
      <TableCell align="right">
        <DriftCell repository={plan.repository} />
      </TableCell>
      <TableCell>
        <CoverageCell repository={plan.repository} />
      </TableCell>
      <TableCell>
        <StuckCell since={plan.stuckSince} />
      </TableCell>
      <TableCell>
        <RefreshCell time={plan.lastRefreshedAt} lastError={plan.lastError} />
      </TableCell>
    </TableRow>
  );
}
