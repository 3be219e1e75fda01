import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { DataPlanClient, dataPlanApiRef } from '../../../api';
import { API_BASE_URL, salesOrdersEntity } from './fixtures';

/**
 * Renders an entity component in a test app with the real {@link DataPlanClient} (answer
 * its requests with msw) and a permission API that allows or denies everything.
 */
export function renderEntityComponent(
  element: ReactElement,
  options: {
    entity?: Entity;
    /** A decision for every request, or a function deciding per request. */
    permission?: NonNullable<
      Parameters<typeof mockApis.permission>[0]
    >['authorize'];
  } = {},
) {
  const client = new DataPlanClient({
    discoveryApi: { getBaseUrl: async () => API_BASE_URL },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [dataPlanApiRef, client],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.permission ?? AuthorizeResult.ALLOW,
          }),
        ],
      ]}
    >
      <EntityProvider entity={options.entity ?? salesOrdersEntity}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
