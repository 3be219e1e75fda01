import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isDataPlanAvailable } from '@dataplan/plugin-data-plan-common';
import AssignmentIcon from '@material-ui/icons/Assignment';
import { DataPlanClient, dataPlanApiRef } from './api';
import {
  createDataProjectRouteRef,
  ENTITY_PLAN_TAB_PATH,
  rootRouteRef,
} from './routes';

/**
 * The client of the backend, `dataPlanApiRef`, built on the app's discovery and fetch APIs.
 *
 * @alpha
 */
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
 * The governance page at `/data-plans`; its title and icon make the navigation item.
 *
 * @alpha
 */
export const dataPlansPage = PageBlueprint.make({
  params: {
    path: '/data-plans',
    title: 'Data plans',
    // The page draws its own themed header.
    noHeader: true,
    icon: <AssignmentIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/DataPlansPage').then(m => <m.DataPlansPage />),
  },
});

/**
 * The plan tab of data-project entities. Adopters can replace the filter in app-config
 * (`app.extensions: - entity-content:data-plan: { config: { filter: … } }`).
 *
 * @alpha
 */
export const entityDataPlanContent = EntityContentBlueprint.make({
  params: {
    path: `/${ENTITY_PLAN_TAB_PATH}`,
    title: 'Data plan',
    filter: isDataPlanAvailable,
    loader: () =>
      import('./components/EntityDataPlanContent').then(m => (
        <m.EntityDataPlanContent />
      )),
  },
});

/**
 * The plan summary card on data-project overviews; the filter is overridable in config.
 *
 * @alpha
 */
export const entityDataPlanCard = EntityCardBlueprint.make({
  params: {
    filter: isDataPlanAvailable,
    loader: () =>
      import('./components/EntityDataPlanCard').then(m => (
        <m.EntityDataPlanCard />
      )),
  },
});

/**
 * The Dataplan frontend plugin for apps on the new frontend system. Its external route
 * `create` targets the scaffolder's page (`scaffolder.root`) by default.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'data-plan',
  info: { packageJson: () => import('../package.json') },
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  externalRoutes: { create: convertLegacyRouteRef(createDataProjectRouteRef) },
  extensions: [
    dataPlanApi,
    dataPlansPage,
    entityDataPlanContent,
    entityDataPlanCard,
  ],
});
