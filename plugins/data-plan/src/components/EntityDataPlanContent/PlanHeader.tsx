import Box from '@material-ui/core/Box';
import { Link } from '@backstage/core-components';
import { PlanDetailsResponse } from '@dataplan/plugin-data-plan-common';
import { ReactNode } from 'react';
import { PlanStatusChip, RefreshTime } from '../common';
import { safeHttpUrl } from '../common/safeHttpUrl';
import { LifecycleStepper } from './LifecycleStepper';
import { PlanFacts } from './PlanFacts';
import { PlanSection } from './PlanSection';

function formatEffort(effort?: {
  storyPoints?: number;
  hours?: number;
}): string | undefined {
  const parts: string[] = [];
  if (effort?.storyPoints !== undefined)
    parts.push(`${effort.storyPoints} story points`);
  if (effort?.hours !== undefined) parts.push(`${effort.hours} hours`);
  return parts.length ? parts.join(' / ') : undefined;
}

/**
 * "Plan status": where the plan stands in its lifecycle, its versions and effort, the
 * policy it is checked against, when it was last read, and the refresh button (`action`)
 * when the caller may use it.
 */
export function PlanHeader(props: {
  response: PlanDetailsResponse;
  action?: ReactNode;
}) {
  const { response, action } = props;
  const metadata = response.plan?.metadata ?? {};
  const status = response.evaluation?.summary.status ?? metadata.status;
  const source = response.source;
  const sourceUrl = safeHttpUrl(source?.url);
  return (
    <PlanSection title="Plan status" action={action}>
      <Box display="flex" alignItems="center" mb={1}>
        <PlanStatusChip status={status} size="medium" />
      </Box>
      <LifecycleStepper status={status} />
      <PlanFacts
        facts={[
          { label: 'Plan version', value: metadata.planVersion },
          { label: 'Spec version', value: metadata.linkedSpecVersion },
          { label: 'Research version', value: metadata.linkedResearchVersion },
          { label: 'Effort', value: formatEffort(metadata.effort) },
          // The scope of the organisation's policy the plan was checked against.
          { label: 'Policy', value: response.policy },
          {
            label: 'Last refresh',
            value: <RefreshTime time={response.refresh.lastRefreshedAt} />,
          },
          {
            label: 'Source',
            value: sourceUrl ? (
              <Link to={sourceUrl}>{source?.path}</Link>
            ) : (
              source?.path
            ),
          },
        ]}
      />
    </PlanSection>
  );
}
