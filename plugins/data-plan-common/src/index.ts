/**
 * Isomorphic core of Dataplan: the plan model, the one predicate that says whether an
 * entity has a plan, and the plugin's permissions.
 *
 * @packageDocumentation
 */

export {
  DATA_PLAN_ANNOTATION,
  DATA_PLAN_WAIVERS_ANNOTATION,
  DATA_PROJECT_TYPE,
  DEFAULT_PLAN_PATH,
  getDataPlanPath,
  getDataPlanWaiversPath,
  isDataPlanAvailable,
} from './entity';
export {
  dataPlanPermissions,
  dataPlanReadPermission,
  dataPlanRefreshPermission,
} from './permissions';
export {
  DEFAULT_LAYERS,
  OBJECT_KINDS,
  dataProjectDirectories,
  isValidLayerName,
  kindDirectory,
  objectDirectory,
  objectFilePath,
  objectFileStem,
  unitTestFilePath,
} from './layout';
export type { ObjectKind } from './layout';
export {
  HISTORY_METRIC_LABELS,
  LEVEL_LABELS,
  PLAN_STATUS_LABELS,
  ROLLUP_DIMENSION_LABELS,
  WAIVER_STATE_LABELS,
} from './labels';
export {
  DEFAULT_PLAN_SORT,
  DEFAULT_SORT_ORDERS,
  NO_STATUS,
  PLAN_LIST_LIMITS,
  PLAN_SORT_KEYS,
  SORT_ORDERS,
} from './planList';
export type { PlanSortKey, SortOrder, StatusCountKey } from './planList';
export {
  ROLLUP_DIMENSIONS,
  ROLLUP_FILTER_KINDS,
  ROLLUP_LIMITS,
} from './rollups';
export type { RollupDimension } from './rollups';
export {
  HISTORY_BACKFILL_STATES,
  HISTORY_METRICS,
  HISTORY_SOURCES,
  PLAN_TREND_LIMITS,
  TREND_INTERVALS,
} from './planTrends';
export type {
  HistoryBackfillState,
  HistoryMetric,
  HistorySource,
  TrendInterval,
} from './planTrends';
export {
  SUMMARY_FIELD_ENTRIES,
  SUMMARY_FIELDS,
  summaryFieldEntry,
} from './summaryFields';
export type {
  SummaryField,
  SummaryFieldEntry,
  SummarySource,
  SummaryValue,
  SummaryValueType,
} from './summaryFields';
export {
  ENTITY_PLAN_TAB_PATH,
  PLAN_NOTICE_KINDS,
  PLAN_NOTICE_SEVERITIES,
  planTabPath,
} from './planNotices';
export type { PlanNoticeKind } from './planNotices';
export * from './plan';
export * from './sql';
export * from './repository';
export type {
  DataPlanHealthResponse,
  LintPlanRequest,
  LintPlanResponse,
  LinkedDiagnostic,
  ListPlansRequest,
  ListPlansResponse,
  PlanDetailsResponse,
  PlanFacetsResponse,
  PlanHistoryResponse,
  PlanListFilters,
  PlanRollupRequest,
  PlanRollupResponse,
  PlanSummary,
  PlanTrendPoint,
  PlanTrendsRequest,
  PlanTrendsResponse,
} from './api';
export type {
  components as DataPlanApiComponents,
  operations as DataPlanApiOperations,
  paths as DataPlanApiPaths,
} from './generated/openapi';
