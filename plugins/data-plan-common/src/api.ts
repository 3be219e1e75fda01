/*
 * The REST API's request and response types, by the names every consumer imports. Each is
 * the type openapi-typescript generates from the backend's OpenAPI document
 * (`./generated/openapi.ts`, `yarn openapi:generate`), so the document is their one source.
 * Where the document describes the parsed plan and its evaluation loosely and names the
 * model type instead, the model type refines it (`./api.test.ts` checks that it does).
 */
import type { components, operations } from './generated/openapi';
import type { PlanEvaluationWithoutFindings } from './plan/evaluatePlan';
import type { ParsedPlan } from './plan/types';
import type { WaiverListing } from './plan/waiverListing';
import type { RepositoryEvaluation } from './repository/repositoryEvaluation';

/**
 * Response of `GET /api/data-plan/health`.
 *
 * @public
 */
export type DataPlanHealthResponse =
  operations['GetHealth']['responses'][200]['content']['application/json'];

/**
 * One data project in the plan list: the columns the governance page shows and sorts by,
 * one per entry of {@link SUMMARY_FIELDS} (the document's `PlanSummary` is written from it).
 *
 * @public
 */
export type PlanSummary = components['schemas']['PlanSummary'];

/**
 * Filters shared by the plan list, its facets and its CSV export: the query of
 * `GET /plans/facets`.
 *
 * @public
 */
export type PlanListFilters = NonNullable<
  operations['GetPlanFacets']['parameters']['query']
>;

/**
 * Query of `GET /plans`: the filters, the sort and the page.
 *
 * @public
 */
export type ListPlansRequest = NonNullable<
  operations['ListPlans']['parameters']['query']
>;

/**
 * Response of `GET /plans`.
 *
 * @public
 */
export type ListPlansResponse = components['schemas']['ListPlansResponse'];

/**
 * Response of `GET /plans/facets`: summaries over every matching project.
 *
 * @public
 */
export type PlanFacetsResponse = components['schemas']['PlanFacetsResponse'];

/**
 * Query of `GET /plans/rollup`: the dimension, and the list's filters.
 *
 * @public
 */
export type PlanRollupRequest = NonNullable<
  operations['GetPlanRollup']['parameters']['query']
>;

/**
 * Response of `GET /plans/rollup`: the matching projects counted by owner, system or group.
 *
 * @public
 */
export type PlanRollupResponse = components['schemas']['PlanRollupResponse'];

/**
 * A diagnostic or finding with a link to its line in the source, when the source is a URL.
 *
 * @public
 */
export type LinkedDiagnostic = components['schemas']['LinkedDiagnostic'];

/**
 * Response of `GET /plans/by-entity/:kind/:namespace/:name`, with the parsed plan and its
 * evaluation as the model types.
 *
 * @public
 */
export type PlanDetailsResponse = Omit<
  components['schemas']['PlanDetailsResponse'],
  'plan' | 'evaluation' | 'waivers' | 'repository'
> & {
  plan?: ParsedPlan;
  evaluation?: PlanEvaluationWithoutFindings;
  waivers?: WaiverListing;
  repository?: RepositoryEvaluation;
};

/**
 * Body of `POST /lint`.
 *
 * @public
 */
export type LintPlanRequest = components['schemas']['LintPlanRequest'];

/**
 * Response of `POST /lint`, with the evaluation as the model type.
 *
 * @public
 */
export type LintPlanResponse = Omit<
  components['schemas']['LintPlanResponse'],
  'evaluation'
> & {
  evaluation: PlanEvaluationWithoutFindings;
};

/**
 * Response of `GET /plans/by-entity/…/history`: the status timeline and the counts over
 * time of one data project.
 *
 * @public
 */
export type PlanHistoryResponse = components['schemas']['PlanHistoryResponse'];

/**
 * Query of `GET /plans/trends`: the list's filters, and the days and spacing of the points.
 *
 * @public
 */
export type PlanTrendsRequest = NonNullable<
  operations['GetPlanTrends']['parameters']['query']
>;

/**
 * Response of `GET /plans/trends`.
 *
 * @public
 */
export type PlanTrendsResponse = components['schemas']['PlanTrendsResponse'];

/**
 * One point of {@link PlanTrendsResponse}.
 *
 * @public
 */
export type PlanTrendPoint = PlanTrendsResponse['points'][number];
