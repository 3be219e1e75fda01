import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { DataPlanClient, dataPlanApiRef } from './api';

/** @alpha */
export const dataPlanApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dataPlanApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataPlanClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Dataplan frontend plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'data-plan',
  info: { packageJson: () => import('../package.json') },
  extensions: [dataPlanApi],
});
