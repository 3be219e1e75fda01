import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** The governance page, `/data-plans` in the example app. */
export const rootRouteRef = createRouteRef({ id: 'data-plan' });

/**
 * Where a data project is created: the scaffolder's page unless the app binds it elsewhere.
 * Optional, so an app without the scaffolder still renders the plugin (without the link).
 */
export const createDataProjectRouteRef = createExternalRouteRef({
  id: 'create',
  optional: true,
  defaultTarget: 'scaffolder.root',
});

// Defined once in data-plan-common: the backend's notifications link to the same tab.
export { ENTITY_PLAN_TAB_PATH } from '@dataplan/plugin-data-plan-common';
