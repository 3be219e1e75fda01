import {
  AuditorServiceEvent,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  LintPlanResponse,
  ListPlansRequest,
  ListPlansResponse,
  PlanDetailsResponse,
  PlanFacetsResponse,
  PlanHistoryResponse,
  PlanListFilters,
  PlanRollupResponse,
  PlanTrendsRequest,
  PlanTrendsResponse,
  RollupDimension,
} from '@dataplan/plugin-data-plan-common';

/** What the CSV export takes: a list's filters and sort; it always starts at the top. */
export type PlanExportRequest = Omit<ListPlansRequest, 'cursor' | 'limit'>;

/** Who a call is made for: the caller's credentials decide what it may read or do. */
export interface DataPlanServiceCallOptions {
  credentials: BackstageCredentials;
}

/**
 * What the data-plan routes do, below HTTP: the router parses a request, calls one method
 * and sends its answer. Every method checks the caller's permissions itself.
 */
export interface DataPlanService {
  /** One page of the plans the caller may read, filtered and sorted. */
  listPlans(
    request: ListPlansRequest,
    options: DataPlanServiceCallOptions,
  ): Promise<ListPlansResponse>;

  /** Counts over every plan the caller may read that the filters match. */
  getFacets(
    filters: PlanListFilters,
    options: DataPlanServiceCallOptions,
  ): Promise<PlanFacetsResponse>;

  /** Every plan the caller may read that the filters match, counted by a dimension. */
  getRollup(
    by: RollupDimension,
    filters: PlanListFilters,
    options: DataPlanServiceCallOptions,
  ): Promise<PlanRollupResponse>;

  /**
   * The CSV export, in chunks: the header, then one chunk per page of rows. It settles once
   * the first page is read, so that a refusal comes before anything is sent.
   */
  exportCsv(
    request: PlanExportRequest,
    options: DataPlanServiceCallOptions,
  ): Promise<AsyncIterable<string>>;

  /** The matching plans the caller may read over time, a point per day or week. */
  getTrends(
    request: PlanTrendsRequest,
    options: DataPlanServiceCallOptions,
  ): Promise<PlanTrendsResponse>;

  /** The status timeline and the counts over time of a data project the caller may read. */
  getHistory(
    entity: CompoundEntityRef,
    options: DataPlanServiceCallOptions,
  ): Promise<PlanHistoryResponse>;

  /** The stored plan of a data project the caller may read; read now if not yet stored. */
  getPlan(
    entity: CompoundEntityRef,
    options: DataPlanServiceCallOptions,
  ): Promise<PlanDetailsResponse>;

  /**
   * Reads the project's plan now, if the caller may refresh it. `audit` starts the audit
   * event once the project is known to be readable; the refresh's outcome ends it.
   */
  refreshPlan(
    entity: CompoundEntityRef,
    options: DataPlanServiceCallOptions & {
      audit: (entityRef: string) => Promise<AuditorServiceEvent>;
    },
  ): Promise<PlanDetailsResponse>;

  /** The diagnostics and evaluation of plan text, parsed like a stored plan; nothing is kept. */
  lintPlan(
    text: string,
    options: DataPlanServiceCallOptions,
  ): Promise<LintPlanResponse>;
}
