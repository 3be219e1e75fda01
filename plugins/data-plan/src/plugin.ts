import {
  createApiFactory,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DataPlanClient, dataPlanApiRef } from './api';

/**
 * The Dataplan frontend plugin, for apps on the legacy frontend system.
 *
 * @public
 */
export const dataPlanPlugin = createPlugin({
  id: 'data-plan',
  apis: [
    createApiFactory({
      api: dataPlanApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataPlanClient({ discoveryApi, fetchApi }),
    }),
  ],
});
