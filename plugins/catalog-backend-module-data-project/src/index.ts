/**
 * Catalog module that adds the data projects of the local Dataplan workspace.
 *
 * @packageDocumentation
 */

export { catalogModuleDataProjectWorkspace as default } from './module';
export { DataProjectWorkspaceProvider } from './DataProjectWorkspaceProvider';
