import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  isDataPlanAvailable,
  PlanDetailsResponse,
} from '@dataplan/plugin-data-plan-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlanApiRef } from '../../api';

/** What the tab and the card know about an entity's plan. */
export interface EntityDataPlanState {
  /** False when the entity has no plan: not a data project, or the backend has none (404). */
  hasPlan: boolean;
  loading: boolean;
  /** A failed read other than "no plan". */
  error?: Error;
  /** The latest response: the refresh's result once there is one, else the first read. */
  response?: PlanDetailsResponse;
  retry: () => void;
  refresh: () => Promise<unknown>;
  refreshing: boolean;
  refreshError?: Error;
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof ResponseError &&
    (error.statusCode === 404 || error.response.status === 404)
  );
}

/**
 * Reads an entity's plan from the Dataplan backend, and re-reads it on demand. Entities
 * without a plan are not requested at all.
 */
export function useEntityDataPlan(entity: Entity): EntityDataPlanState {
  const api = useApi(dataPlanApiRef);
  const available = isDataPlanAvailable(entity);
  // The ref string keeps the requests stable while the entity object changes identity.
  const entityRef = stringifyEntityRef(entity);

  const read = useAsyncRetry(
    async () =>
      available ? api.getPlan(getCompoundEntityRef(entity)) : undefined,
    [api, entityRef, available],
  );
  const [refreshed, refresh] = useAsyncFn(
    () => api.refreshPlan(getCompoundEntityRef(entity)),
    [api, entityRef],
  );

  const notFound = isNotFound(read.error);
  const response = refreshed.value ?? read.value;
  return {
    hasPlan: available && (!notFound || response !== undefined),
    loading: read.loading,
    error: notFound ? undefined : read.error,
    response,
    retry: read.retry,
    refresh,
    refreshing: refreshed.loading,
    refreshError: refreshed.error,
  };
}
