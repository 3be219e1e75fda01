import { createApiRef } from '@backstage/core-plugin-api';
import { DataPlanHealthResponse } from '@dataplan/plugin-data-plan-common';

/**
 * Client of the Dataplan backend (`/api/data-plan`).
 *
 * @public
 */
export interface DataPlanApi {
  /** Whether the backend plugin is up and the caller is signed in. */
  getHealth(): Promise<DataPlanHealthResponse>;
}

/**
 * API reference of {@link DataPlanApi}, shared by both frontend systems.
 *
 * @public
 */
export const dataPlanApiRef = createApiRef<DataPlanApi>({
  id: 'plugin.data-plan.service',
});
