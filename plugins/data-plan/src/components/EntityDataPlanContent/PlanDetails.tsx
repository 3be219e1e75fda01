import Grid from '@material-ui/core/Grid';
import {
  evaluatePlan,
  mergeFindings,
  ParsedPlan,
  PlanDetailsResponse,
} from '@dataplan/plugin-data-plan-common';
import { ReactNode, useMemo } from 'react';
import { ApprovalsSection } from './ApprovalsSection';
import { DeployOrderSection } from './DeployOrderSection';
import { DiagnosticsSection } from './DiagnosticsSection';
import { PhasesSection } from './PhasesSection';
import { PlanHeader } from './PlanHeader';
import { RisksSection } from './RisksSection';
import { RollbackSection } from './RollbackSection';
import { ValidationSection } from './ValidationSection';

/**
 * Every section of a read plan, most telling first: status, what is wrong, validation and
 * risks, then the work itself and how to ship or undo it.
 */
export function PlanDetails(props: {
  response: PlanDetailsResponse & { plan: ParsedPlan };
  refreshAction?: ReactNode;
}) {
  const { response, refreshAction } = props;
  const { plan } = response;
  // The backend stores both; evaluating here only covers a response without one.
  const evaluation = useMemo(
    () => response.evaluation ?? evaluatePlan(plan),
    [response.evaluation, plan],
  );
  // The response's diagnostics are the evaluation's findings as one list, linked to the
  // source; without an evaluation, the one evaluated here gives the list.
  const diagnostics = useMemo(
    () =>
      response.evaluation ? response.diagnostics : mergeFindings(evaluation),
    [response.evaluation, response.diagnostics, evaluation],
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <PlanHeader response={response} action={refreshAction} />
      </Grid>
      <Grid item xs={12}>
        <DiagnosticsSection diagnostics={diagnostics} />
      </Grid>
      {/* Side by side only on extra-large screens: in half a large screen the tables'
          headers and values broke mid-word ("Probability" over three lines). */}
      <Grid item xs={12} xl={6}>
        <ValidationSection evaluation={evaluation} />
      </Grid>
      <Grid item xs={12} xl={6}>
        <RisksSection
          risks={plan.risks}
          contingencies={plan.contingencies}
          evaluation={evaluation}
        />
      </Grid>
      <Grid item xs={12}>
        <PhasesSection plan={plan} evaluation={evaluation} />
      </Grid>
      <Grid item xs={12} xl={6}>
        <DeployOrderSection evaluation={evaluation} />
      </Grid>
      <Grid item xs={12} xl={6}>
        <RollbackSection rollback={plan.rollback} />
      </Grid>
      <Grid item xs={12}>
        <ApprovalsSection
          reviewers={plan.approvals.reviewers}
          execution={plan.approvals.execution}
          evaluation={evaluation}
        />
      </Grid>
    </Grid>
  );
}
