/**
 * Dataplan frontend plugin (legacy frontend system). The new frontend system's plugin is
 * the default export of `@dataplan/plugin-data-plan/alpha`.
 *
 * @packageDocumentation
 */

export { dataPlanPlugin } from './plugin';
export { DataPlanClient, dataPlanApiRef } from './api';
export type { DataPlanApi } from './api';
