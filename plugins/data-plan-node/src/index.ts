/**
 * Node.js helpers shared by the Dataplan backend plugin and its modules.
 *
 * @packageDocumentation
 */

export {
  DEFAULT_WORKSPACE_DIR,
  isPathInsideRoots,
  readDataPlanPaths,
} from './readDataPlanPaths';
export type { DataPlanPaths } from './readDataPlanPaths';
export { readAllowedPlanLocations } from './readAllowedPlanLocations';
export type { AllowedPlanLocation } from './readAllowedPlanLocations';
export { dataPlanRulesExtensionPoint } from './dataPlanRulesExtensionPoint';
export type { DataPlanRulesExtensionPoint } from './dataPlanRulesExtensionPoint';
