import { createRouteRef } from '@backstage/core-plugin-api';

/** The governance page, `/data-plans` in the example app. */
export const rootRouteRef = createRouteRef({ id: 'data-plan' });

/** Path of the plan tab under an entity page, in both frontend systems. */
export const ENTITY_PLAN_TAB_PATH = 'data-plan';
