import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { ENTITY_PLAN_TAB_PATH } from '../../routes';

/** A function from an entity ref to the URL of that entity's plan tab. */
export function usePlanTabLink(): (entityRef: string) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    entityRef =>
      `${entityRoute(
        entityRouteParams(entityRef, { encodeParams: true }),
      )}/${ENTITY_PLAN_TAB_PATH}`,
    [entityRoute],
  );
}
