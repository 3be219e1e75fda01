import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createGenerateObjectsAction,
  createLayoutAction,
  createPublishLocalAction,
  createWritePlanAction,
} from './actions';

/**
 * Adds the Dataplan actions (`dataplan:*`) to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleDataProject = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-project',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, catalog }) {
        scaffolder.addActions(
          createLayoutAction(),
          createWritePlanAction(),
          createGenerateObjectsAction(),
          createPublishLocalAction({ config, catalog }),
        );
      },
    });
  },
});
