import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  DATA_PLAN_ANNOTATION,
  DEFAULT_PLAN_PATH,
} from '@dataplan/plugin-data-plan-common';
import { ReactNode } from 'react';
import { ENTITY_PLAN_TAB_PATH } from '../../routes';
import { CreateDataProjectLink } from '../common/CreateDataProjectLink';
import { PlanReadErrorAlert } from '../common/PlanReadErrorAlert';
import { useEntityDataPlan } from '../common/useEntityDataPlan';
import { PlanCardSummary } from './PlanCardSummary';

function DataPlanInfoCard(props: { children: ReactNode; viewPlan?: string }) {
  return (
    <InfoCard
      title="Data plan"
      titleTypographyProps={{ component: 'h2' }}
      deepLink={
        props.viewPlan
          ? { title: 'View plan', link: props.viewPlan }
          : undefined
      }
    >
      {props.children}
    </InfoCard>
  );
}

/**
 * The entity overview's "Data plan" card: status, validation pass rate, top risks, the
 * number of problems and the drift from the repository, with a link to the plan tab.
 */
export function EntityDataPlanCard() {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const state = useEntityDataPlan(entity);
  const viewPlan = `${entityRoute(
    entityRouteParams(entity),
  )}/${ENTITY_PLAN_TAB_PATH}`;

  if (!state.hasPlan) {
    return (
      <DataPlanInfoCard>
        <Typography variant="body2" paragraph>
          This entity has no data plan. Add the{' '}
          <code>
            {DATA_PLAN_ANNOTATION}: {DEFAULT_PLAN_PATH}
          </code>{' '}
          annotation to its catalog-info.yaml, or{' '}
          <CreateDataProjectLink>
            create a data project from the template
          </CreateDataProjectLink>
          .
        </Typography>
      </DataPlanInfoCard>
    );
  }
  if (state.loading && !state.response) {
    return (
      <DataPlanInfoCard>
        <Progress />
      </DataPlanInfoCard>
    );
  }
  if (!state.response) {
    return (
      <DataPlanInfoCard>
        <Alert severity="error">
          Could not load the data plan: {state.error?.message ?? 'no response'}
        </Alert>
      </DataPlanInfoCard>
    );
  }

  const { plan, refresh } = state.response;
  return (
    <DataPlanInfoCard viewPlan={viewPlan}>
      {refresh.lastError && (
        <PlanReadErrorAlert refresh={refresh} showingLastGood={Boolean(plan)} />
      )}
      {!plan && !refresh.lastError && (
        <Typography variant="body2">The plan has not been read yet.</Typography>
      )}
      {plan && (
        <PlanCardSummary
          response={{ ...state.response, plan }}
          viewPlan={viewPlan}
        />
      )}
    </DataPlanInfoCard>
  );
}
