import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { fixture } from '@internal/plan-fixtures';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import dataPlanPlugin from '@dataplan/plugin-data-plan-backend';
import { dataPlanModuleLayerRules } from './module';

describe('dataPlanModuleLayerRules', () => {
  it('adds consumption-depends-on-raw to the plans the backend checks', async () => {
    const backend = await startTestBackend({
      features: [
        dataPlanPlugin,
        dataPlanModuleLayerRules,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const text = fixture('complete-plan').replace(
      '`src/consumption/views/customer_360.sql`\n- Dependencies: CUSTOMER_PROFILE',
      '`src/consumption/views/customer_360.sql`\n- Dependencies: CUSTOMER_PROFILE, WEB_EVENTS',
    );
    const lint = await request(backend.server)
      .post('/api/data-plan/lint')
      .set('Authorization', mockCredentials.user.header())
      .send({ text });
    expect(lint.status).toBe(200);
    expect(
      lint.body.diagnostics.filter(
        (d: { rule: string }) => d.rule === 'consumption-depends-on-raw',
      ),
    ).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringContaining('depends on MKT_DB.RAW.WEB_EVENTS'),
      }),
    ]);
    await backend.stop();
  });
});
