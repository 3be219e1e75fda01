/**
 * Data plan backend module: custom plan rules about the layers of a data project.
 *
 * @packageDocumentation
 */

export { dataPlanModuleLayerRules as default } from './module';
export { consumptionDependsOnRaw } from './rules/consumptionDependsOnRaw';
