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
import { dataPlanApiRef } from '../../../api';
import { createDataProjectRouteRef } from '../../../routes';
import { salesOrdersEntity } from './fixtures';
import { createTestClient } from './testClient';

/**
 * Renders an entity component in a test app with the real `DataPlanClient` (answer
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
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [dataPlanApiRef, createTestClient()],
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
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/create': createDataProjectRouteRef,
      },
    },
  );
}
