import { PlanEvaluationWithoutFindings } from '@dataplan/plugin-data-plan-common';
import { ValidationSummary } from '../common/ValidationSummary';
import { CriteriaTable } from './CriteriaTable';
import { PlanSection, SectionSubheading } from './PlanSection';

/**
 * "Validation results": the pass rate, counts per result, and the technical and business
 * criteria with each one's result.
 */
export function ValidationSection(props: {
  evaluation: PlanEvaluationWithoutFindings;
}) {
  const { evaluation } = props;
  const { validation } = evaluation;
  return (
    <PlanSection title="Validation results">
      <ValidationSummary evaluation={evaluation} />
      <SectionSubheading>Technical validation</SectionSubheading>
      <CriteriaTable
        label="Technical validation"
        criteria={validation.technical}
      />
      <SectionSubheading>Business validation</SectionSubheading>
      <CriteriaTable
        label="Business validation"
        criteria={validation.business}
      />
    </PlanSection>
  );
}
