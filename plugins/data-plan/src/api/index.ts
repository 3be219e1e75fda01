export { dataPlanApiRef } from './DataPlanApi';
export type { DataPlanApi } from './DataPlanApi';
export { DataPlanClient } from './DataPlanClient';
