import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createGenerateObjectsAction,
  createLayoutAction,
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
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(
          createLayoutAction(),
          createWritePlanAction(),
          createGenerateObjectsAction(),
        );
      },
    });
  },
});
