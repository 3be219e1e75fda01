import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleDataProject } from './module';

describe('scaffolderModuleDataProject', () => {
  it('registers the Dataplan actions with a started scaffolder', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleDataProject,
        catalogServiceMock.factory(),
      ],
    });

    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());

    expect(res.status).toBe(200);
    expect(res.body.map((action: { id: string }) => action.id)).toEqual(
      expect.arrayContaining([
        'dataplan:layout:create',
        'dataplan:plan:write',
        'dataplan:objects:generate',
        'dataplan:publish:local',
      ]),
    );
    const layout = res.body.find(
      (action: { id: string }) => action.id === 'dataplan:layout:create',
    );
    expect(layout).toMatchObject({
      description: expect.stringContaining('layered structure'),
      examples: expect.arrayContaining([
        expect.objectContaining({ example: expect.stringContaining('layers') }),
      ]),
      schema: {
        input: { properties: { layers: { type: 'array' } } },
        output: { properties: { directories: { type: 'array' } } },
      },
    });
  });
});
