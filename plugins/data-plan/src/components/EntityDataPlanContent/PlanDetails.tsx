import Grid from '@material-ui/core/Grid';
import {
  evaluatePlan,
  ParsedPlan,
  PlanDetailsResponse,
  splitFindings,
} from '@dataplan/plugin-data-plan-common';
import { ReactNode, useMemo } from 'react';
import { ApprovalsSection } from './ApprovalsSection';
import { DeployOrderSection } from './DeployOrderSection';
import { DiagnosticsSection } from './DiagnosticsSection';
import { PhasesSection } from './PhasesSection';
import { PlanHeader } from './PlanHeader';
import { RepositorySection } from './RepositorySection';
import { RisksSection } from './RisksSection';
import { RollbackSection } from './RollbackSection';
import { SqlLineageSection } from './SqlLineageSection';
import { ValidationSection } from './ValidationSection';
import { WaiversSection } from './WaiversSection';

/**
 * Every section of a read plan, most telling first: status, what is wrong, validation and
 * risks, then the work itself, how to ship or undo it, and how the project's files hold it.
 */
export function PlanDetails(props: {
  response: PlanDetailsResponse & { plan: ParsedPlan };
  refreshAction?: ReactNode;
}) {
  const { response, refreshAction } = props;
  const { plan } = response;
  // The backend sends its stored evaluation without findings and the findings as one list;
  // a response without an evaluation is evaluated, and its findings merged, here.
  const { evaluation, diagnostics } = useMemo(
    () =>
      response.evaluation
        ? { evaluation: response.evaluation, diagnostics: response.diagnostics }
        : splitFindings(evaluatePlan(plan)),
    [response.evaluation, response.diagnostics, plan],
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <PlanHeader response={response} action={refreshAction} />
      </Grid>
      <Grid item xs={12}>
        <DiagnosticsSection diagnostics={diagnostics} />
      </Grid>
      <Grid item xs={12}>
        <WaiversSection waivers={response.waivers} diagnostics={diagnostics} />
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
      {evaluation.repository && (
        <Grid item xs={12}>
          <SqlLineageSection plan={plan} repository={evaluation.repository} />
        </Grid>
      )}
      <Grid item xs={12}>
        <RepositorySection
          repository={response.repository}
          diagnostics={diagnostics}
        />
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
