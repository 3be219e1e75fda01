/**
 * Scaffolder actions that create layered Snowflake data projects.
 *
 * @packageDocumentation
 */

export { scaffolderModuleDataProject as default } from './module';
export {
  createGenerateObjectsAction,
  createLayoutAction,
  createPublishLocalAction,
  createWritePlanAction,
} from './actions';
