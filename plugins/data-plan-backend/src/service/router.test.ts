import { mockServices } from '@backstage/backend-test-utils';
import { spec } from '../schema/openapi.generated';
import { DataPlanService } from './DataPlanService';
import { createRouter } from './router';

describe('createRouter', () => {
  it('serves exactly the routes that openapi.yaml describes', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      auditor: mockServices.auditor.mock(),
      service: {} as DataPlanService,
      maxPlanBytes: 1024,
    });
    const served = router.stack
      .map(
        layer =>
          layer.route as unknown as
            | { path: string; methods: Record<string, boolean> }
            | undefined,
      )
      .flatMap(route =>
        route
          ? Object.keys(route.methods).map(
              method => `${method.toUpperCase()} ${route.path}`,
            )
          : [],
      )
      // The OpenAPI router's own route, which serves the document.
      .filter(route => route !== 'GET /openapi.json');
    const described = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map(
        method =>
          `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    expect(served.sort()).toEqual(described.sort());
    expect(described).toHaveLength(10);
  });
});
