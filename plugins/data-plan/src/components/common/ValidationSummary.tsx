import Typography from '@material-ui/core/Typography';
import {
  CRITERION_RESULTS,
  PlanEvaluationWithoutFindings,
} from '@dataplan/plugin-data-plan-common';
import {
  CRITERION_RESULT_LABELS,
  CriterionResultLabel,
} from './CriterionResultLabel';
import { formatPassRate } from './formatPassRate';
import { InlineList } from './InlineList';

/** The card has room for the results that need attention only. */
const COMPACT_RESULTS = CRITERION_RESULTS.filter(
  result => result !== 'unknown',
);

function passRateText(rate: number | undefined, compact: boolean): string {
  const passRate = formatPassRate(rate);
  if (compact) return passRate ? `${passRate} pass rate` : 'No results yet';
  return passRate
    ? `${passRate} pass rate (passed among criteria with a result)`
    : 'No criterion has a pass or fail result yet.';
}

/**
 * The validation pass rate, then how many criteria have each result, as a list named
 * "Criteria by result": "Pass: 3" on the plan tab, "3 pass" when `compact` (the card).
 */
export function ValidationSummary(props: {
  evaluation: PlanEvaluationWithoutFindings;
  compact?: boolean;
}) {
  const { evaluation, compact = false } = props;
  const { counts } = evaluation.validation;
  const items = (compact ? COMPACT_RESULTS : CRITERION_RESULTS).map(result => ({
    key: result,
    content: compact ? (
      <CriterionResultLabel
        result={result}
        label={`${counts[result]} ${CRITERION_RESULT_LABELS[
          result
        ].toLocaleLowerCase('en-US')}`}
      />
    ) : (
      <>
        <CriterionResultLabel result={result} />
        {': '}
        <strong>{counts[result]}</strong>
      </>
    ),
  }));
  return (
    <>
      <Typography variant={compact ? 'body2' : 'body1'} component="p">
        {passRateText(evaluation.summary.validationPassRate, compact)}
      </Typography>
      <InlineList
        label="Criteria by result"
        items={items}
        gap={compact ? 12 : 16}
        mt={compact ? 0 : 1}
        small={compact}
      />
    </>
  );
}
