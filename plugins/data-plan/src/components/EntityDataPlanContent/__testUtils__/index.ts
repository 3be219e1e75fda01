export {
  API_BASE_URL,
  dataProjectEntity,
  PLAN_PATH,
  planPath,
  planResponse,
  samplePlanText,
  salesOrdersEntity,
  serviceEntity,
} from './fixtures';
export {
  firstReadHistory,
  historyHandler,
  planTrends,
  salesOrdersHistory,
  trendsHandler,
} from './history';
export { planFacets, planSummary } from './planList';
export { renderEntityComponent } from './renderEntityComponent';
export { errorResponse, failedRefresh, unreadPlan } from './responses';
export { createTestClient } from './testClient';
export { checkedPlanResponse, repositoryEvaluation } from './repository';
