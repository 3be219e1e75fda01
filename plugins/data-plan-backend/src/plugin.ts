import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { dataPlanPermissions } from '@dataplan/plugin-data-plan-common';
import { createRouter } from './service/router';

/**
 * The Dataplan backend plugin: routes under `/api/data-plan`.
 *
 * @public
 */
export const dataPlanPlugin = createBackendPlugin({
  pluginId: 'data-plan',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpAuth, httpRouter, permissionsRegistry }) {
        permissionsRegistry.addPermissions(dataPlanPermissions);
        httpRouter.use(await createRouter({ httpAuth }));
      },
    });
  },
});
