import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ExecutionApproval,
  PlanEvaluationWithoutFindings,
  PlanReviewer,
} from '@dataplan/plugin-data-plan-common';
import { PlanFacts } from './PlanFacts';
import { PlanSection, SectionSubheading } from './PlanSection';
import { PlanTable, RowHeaderCell } from './PlanTable';
import { ReviewStatusLabel } from './ReviewStatusLabel';

function approvalSummary(
  approval: PlanEvaluationWithoutFindings['approval'],
): string {
  const execution = `Execution ${
    approval.executionApproved ? 'is' : 'is not'
  } approved.`;
  if (approval.reviewers === 0) return `No reviewer is named yet. ${execution}`;
  const parts = [
    `${approval.approved} of ${approval.reviewers} reviewers approved`,
    `${approval.pending} pending`,
    `${approval.rejected} rejected`,
  ];
  return `${parts.join(', ')}. ${execution}`;
}

function approvedText(approved?: boolean): string | undefined {
  if (approved === undefined) return undefined;
  return approved ? 'Yes' : 'No';
}

/** "Approvals": the reviewers' decisions and the execution approval. */
export function ApprovalsSection(props: {
  reviewers: PlanReviewer[];
  execution: ExecutionApproval;
  evaluation: PlanEvaluationWithoutFindings;
}) {
  const { reviewers, execution, evaluation } = props;
  return (
    <PlanSection title="Approvals">
      <Typography variant="body1" component="p">
        {approvalSummary(evaluation.approval)}
      </Typography>
      <SectionSubheading>Reviewers</SectionSubheading>
      {reviewers.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No reviewers.
        </Typography>
      ) : (
        <PlanTable
          label="Reviewers"
          columns={['Name', 'Role', 'Date', 'Status', 'Comments']}
        >
          {reviewers.map((reviewer, index) => (
            <TableRow key={`${index}-${reviewer.name}`}>
              <RowHeaderCell>{reviewer.name}</RowHeaderCell>
              <TableCell>{reviewer.role || '—'}</TableCell>
              <TableCell>{reviewer.date || '—'}</TableCell>
              <TableCell>
                <ReviewStatusLabel status={reviewer.status} />
              </TableCell>
              <TableCell>{reviewer.comments || '—'}</TableCell>
            </TableRow>
          ))}
        </PlanTable>
      )}
      <SectionSubheading>Execution approval</SectionSubheading>
      <PlanFacts
        facts={[
          {
            label: 'Approved for implementation',
            value: approvedText(execution.approved),
          },
          { label: 'Approved by', value: execution.approvedBy },
          { label: 'Date', value: execution.date },
          { label: 'Scheduled start', value: execution.scheduledStart },
          { label: 'Expected completion', value: execution.expectedCompletion },
        ]}
      />
    </PlanSection>
  );
}
