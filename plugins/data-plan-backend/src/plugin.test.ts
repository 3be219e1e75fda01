import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { dataPlanPlugin } from './plugin';

describe('dataPlanPlugin', () => {
  it('answers /api/data-plan/health to an authenticated caller', async () => {
    const { server } = await startTestBackend({ features: [dataPlanPlugin] });

    const res = await request(server)
      .get('/api/data-plan/health')
      .set('Authorization', mockCredentials.user.header());

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses an unauthenticated caller', async () => {
    const { server } = await startTestBackend({
      features: [
        dataPlanPlugin,
        // The test backend signs header-less requests in as a user unless told not to.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

    const res = await request(server).get('/api/data-plan/health');

    expect(res.status).toBe(401);
  });

  it('registers its permissions with the permissions registry', async () => {
    const permissionsRegistry = mockServices.permissionsRegistry.mock();
    await startTestBackend({
      features: [dataPlanPlugin, permissionsRegistry.factory],
    });

    const names = permissionsRegistry.addPermissions.mock.calls
      .flatMap(([permissions]) => permissions)
      .map(p => p.name);
    expect(names).toEqual(['data-plan.plan.read', 'data-plan.plan.refresh']);
  });
});
