import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { PlanReadErrorAlert } from '../common/PlanReadErrorAlert';
import { useEntityDataPlan } from '../common/useEntityDataPlan';
import { HistorySection } from './HistorySection';
import { NoDataPlanEmptyState } from './NoDataPlanEmptyState';
import { PlanDetails } from './PlanDetails';
import { PlanNotReadYet } from './PlanNotReadYet';
import { RefreshPlanButton } from './RefreshPlanButton';

/**
 * The entity page's "Data plan" tab: where the entity's plan stands, what is at risk and
 * what failed validation, with a refresh for those allowed to re-read it, and the plan's
 * history.
 */
export function EntityDataPlanContent() {
  const { entity } = useEntity();
  const state = useEntityDataPlan(entity);

  if (!state.hasPlan) return <NoDataPlanEmptyState />;
  if (state.loading && !state.response) return <Progress />;
  if (!state.response) {
    if (!state.error) return <NoDataPlanEmptyState />;
    return (
      <>
        <ResponseErrorPanel error={state.error} />
        <Box mt={2}>
          <Button variant="outlined" onClick={state.retry}>
            Try again
          </Button>
        </Box>
      </>
    );
  }

  const refreshButton = (
    <RefreshPlanButton
      entityRef={stringifyEntityRef(entity)}
      refreshing={state.refreshing}
      onRefresh={() => {
        state.refresh();
      }}
    />
  );
  const { response } = state;
  const { plan, refresh } = response;
  return (
    <Grid container spacing={3}>
      {state.refreshError && (
        <Grid item xs={12}>
          <Alert severity="error">
            Refresh failed: {state.refreshError.message}
          </Alert>
        </Grid>
      )}
      {refresh.lastError && (
        <Grid item xs={12}>
          <PlanReadErrorAlert
            refresh={refresh}
            showingLastGood={Boolean(plan)}
            action={plan ? undefined : refreshButton}
          />
        </Grid>
      )}
      {!plan && !refresh.lastError && (
        <Grid item xs={12}>
          <PlanNotReadYet action={refreshButton} />
        </Grid>
      )}
      {plan && (
        <Grid item xs={12}>
          <PlanDetails
            response={{ ...response, plan }}
            refreshAction={refreshButton}
          />
        </Grid>
      )}
      {plan && (
        <Grid item xs={12}>
          <HistorySection
            entity={getCompoundEntityRef(entity)}
            readAt={refresh.lastRefreshedAt}
          />
        </Grid>
      )}
    </Grid>
  );
}
