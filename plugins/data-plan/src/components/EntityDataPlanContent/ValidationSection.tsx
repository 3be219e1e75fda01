import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  CriterionResult,
  PlanEvaluation,
} from '@dataplan/plugin-data-plan-common';
import { CriterionResultLabel } from '../common/CriterionResultLabel';
import { formatPassRate } from '../common/formatPassRate';
import { CriteriaTable } from './CriteriaTable';
import { PlanSection, SectionSubheading } from './PlanSection';

const RESULTS: CriterionResult[] = ['pass', 'fail', 'pending', 'unknown'];

/**
 * "Validation results": the pass rate, counts per result, and the technical and business
 * criteria with each one's result.
 */
export function ValidationSection(props: { evaluation: PlanEvaluation }) {
  const { validation, summary } = props.evaluation;
  const passRate = formatPassRate(summary.validationPassRate);
  return (
    <PlanSection title="Validation results">
      <Typography variant="body1" component="p">
        {passRate
          ? `${passRate} pass rate (passed among criteria with a result)`
          : 'No criterion has a pass or fail result yet.'}
      </Typography>
      <Box
        component="ul"
        display="flex"
        flexWrap="wrap"
        p={0}
        m={0}
        mt={1}
        style={{ listStyle: 'none', gap: 16 }}
        aria-label="Criteria by result"
      >
        {RESULTS.map(result => (
          <li key={result}>
            <CriterionResultLabel result={result} />
            {': '}
            <strong>{validation.counts[result]}</strong>
          </li>
        ))}
      </Box>
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
