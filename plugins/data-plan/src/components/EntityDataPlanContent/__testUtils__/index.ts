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
export { renderEntityComponent } from './renderEntityComponent';
