import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DataPlanClient, dataPlanApiRef } from './api';
import { createDataProjectRouteRef, rootRouteRef } from './routes';

/**
 * The Dataplan frontend plugin, for apps on the legacy frontend system.
 *
 * @remarks
 * Its external route `create` is where the plugin sends people to create a data project;
 * bind it to the scaffolder's page in the app's `bindRoutes`
 * (`bind(dataPlanPlugin.externalRoutes, { create: scaffolderPlugin.routes.root })`).
 * Unbound, the plugin shows no link there.
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
  routes: {
    root: rootRouteRef,
  },
  externalRoutes: {
    create: createDataProjectRouteRef,
  },
});

/**
 * The governance page: every data project's plan, worst first. Mount it at `/data-plans`.
 *
 * @public
 */
export const DataPlansPage: () => JSX.Element = dataPlanPlugin.provide(
  createRoutableExtension({
    name: 'DataPlansPage',
    component: () =>
      import('./components/DataPlansPage').then(m => m.DataPlansPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The plan tab of a data project's entity page. Show it where `isDataPlanAvailable` holds.
 *
 * @public
 */
export const EntityDataPlanContent: () => JSX.Element = dataPlanPlugin.provide(
  createComponentExtension({
    name: 'EntityDataPlanContent',
    component: {
      lazy: () =>
        import('./components/EntityDataPlanContent').then(
          m => m.EntityDataPlanContent,
        ),
    },
  }),
);

/**
 * The plan summary card for a data project's overview. Show it where `isDataPlanAvailable`
 * holds.
 *
 * @public
 */
export const EntityDataPlanCard: () => JSX.Element = dataPlanPlugin.provide(
  createComponentExtension({
    name: 'EntityDataPlanCard',
    component: {
      lazy: () =>
        import('./components/EntityDataPlanCard').then(
          m => m.EntityDataPlanCard,
        ),
    },
  }),
);
