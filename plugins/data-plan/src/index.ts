/**
 * Dataplan frontend plugin (legacy frontend system): the plan tab and card of data-project
 * entities and the `/data-plans` governance page. The new frontend system's plugin is the
 * default export of `@dataplan/plugin-data-plan/alpha`.
 *
 * @packageDocumentation
 */

export {
  dataPlanPlugin,
  DataPlansPage,
  EntityDataPlanCard,
  EntityDataPlanContent,
} from './plugin';
export { DataPlanClient, dataPlanApiRef } from './api';
export type { DataPlanApi } from './api';
export { isDataPlanAvailable } from '@dataplan/plugin-data-plan-common';
