export { EntityDataPlanContent } from './EntityDataPlanContent';
