import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  ListPlansRequest,
  ListPlansResponse,
  PlanDetailsResponse,
  PlanFacetsResponse,
  PlanHistoryResponse,
  PlanListFilters,
  PlanRollupRequest,
  PlanRollupResponse,
  PlanTrendsRequest,
  PlanTrendsResponse,
} from '@dataplan/plugin-data-plan-common';

/**
 * Client of the Dataplan backend (`/api/data-plan`).
 *
 * @public
 */
export interface DataPlanApi {
  /** One page of plan summaries the caller may read, worst first unless sorted. */
  listPlans(request?: ListPlansRequest): Promise<ListPlansResponse>;

  /** Counts over every project matching the filters (not one page). */
  getFacets(filters?: PlanListFilters): Promise<PlanFacetsResponse>;

  /** Every project matching the filters, counted by owner, system or group, worst first. */
  getRollup(request: PlanRollupRequest): Promise<PlanRollupResponse>;

  /** Every matching row as CSV, as the backend streams it. */
  exportCsv(filters?: PlanListFilters): Promise<Blob>;

  /** The stored plan of one entity; rejects with a 404 ResponseError when it has none. */
  getPlan(entity: CompoundEntityRef): Promise<PlanDetailsResponse>;

  /** Re-reads the entity's plan now and returns the result. */
  refreshPlan(entity: CompoundEntityRef): Promise<PlanDetailsResponse>;

  /** The entity's status timeline and its counts over time, oldest first. */
  getHistory(entity: CompoundEntityRef): Promise<PlanHistoryResponse>;

  /** The matching projects over time, a point per day or week. */
  getTrends(request?: PlanTrendsRequest): Promise<PlanTrendsResponse>;
}

/**
 * API reference of {@link DataPlanApi}, shared by both frontend systems.
 *
 * @public
 */
export const dataPlanApiRef = createApiRef<DataPlanApi>({
  id: 'plugin.data-plan.service',
});
