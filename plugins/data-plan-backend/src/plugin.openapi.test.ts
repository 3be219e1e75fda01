import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express, { ErrorRequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import {
  copySampleProject,
  dataProjectEntity,
} from './__testUtils__/sampleProjects';
import { dataPlanPlugin } from './plugin';
import { spec } from './schema/openapi.generated';
import { createTestDatabases } from './__testUtils__/testDatabases';

/*
 * The responses of the real backend, replayed through a router that validates responses
 * against openapi.yaml: the document describes what the backend sends, not only what it takes.
 */

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);
const examples = resolve(__dirname, '../../../examples/data-projects');

const root = createMockDirectory();
root.clear();
const entities: Entity[] = ['sales-orders', 'customer-360'].map(name => {
  copySampleProject(root, name);
  return dataProjectEntity(root, name, `group:default/${name}-team`);
});

interface Recorded {
  method: 'get' | 'post';
  url: string;
  status: number;
  body: unknown;
}

/** Sends each recorded answer again, from a router that checks it against the spec. */
async function replay(recorded: Recorded[]) {
  const router: express.Router = createValidatedOpenApiRouter(spec, {
    validatorOptions: { validateRequests: false, validateResponses: true },
  });
  // The replayed request names the answer it gets.
  const answer = (req: express.Request, res: express.Response) => {
    const found = recorded[Number(req.header('x-recorded'))];
    res.status(found.status).json(found.body);
  };
  for (const path of Object.keys(spec.paths)) {
    const route = path.replace(/\{(\w+)\}/g, ':$1');
    router.get(route, answer);
    router.post(route, answer);
  }
  const reportError: ErrorRequestHandler = (error, _req, res, _next) => {
    res.status(599).json({ invalid: error.message });
  };
  const app = express().use(router).use(reportError);
  return Promise.all(
    recorded.map(async (r, index) => {
      const res = await request(app)
        [r.method](r.url)
        .set('x-recorded', String(index));
      return { url: `${r.method.toUpperCase()} ${r.url}`, body: res.body };
    }),
  );
}

describe.each(databases.eachSupportedId())('responses on %s', databaseId => {
  it('match the response schemas of openapi.yaml', async () => {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        dataPlanPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            dataPlan: { rootDir: root.path, planRoots: ['projects'] },
          },
        }),
      ],
    });
    const exchanges: Array<[Recorded['method'], string, object?]> = [
      ['get', '/health'],
      ['get', '/plans/by-entity/component/default/sales-orders'],
      ['post', '/plans/by-entity/component/default/customer-360/refresh'],
      ['get', '/plans/by-entity/component/default/nope'],
      ['get', '/plans?limit=1'],
      ['get', '/plans?sort=name&order=desc&status=IN_PROGRESS,COMPLETE'],
      ['get', '/plans?sort=constructor'],
      [
        'get',
        '/plans?owner=group:default/sales-orders-team&owner=x,group:default/customer-360-team',
      ],
      ['get', '/plans/facets'],
      ['get', '/plans/facets?severity=warning'],
      ['get', '/plans/facets?rule=unmitigated-risk&waived=false'],
      ['get', '/plans?rule=validation-failed&stuck=false&waived=false'],
      [
        'post',
        '/lint',
        {
          text: readFileSync(`${examples}/inventory-forecast/PLAN.md`, 'utf8'),
        },
      ],
      ['post', '/lint', { text: '' }],
    ];
    const recorded: Recorded[] = [];
    for (const [method, url, body] of exchanges) {
      let req = request(server)
        [method](`/api/data-plan${url}`)
        .set('Authorization', mockCredentials.user.header());
      if (body) req = req.send(body);
      const res = await req;
      recorded.push({ method, url, status: res.status, body: res.body });
    }
    expect(recorded.map(r => r.status)).toEqual([
      200, 200, 200, 404, 200, 200, 400, 200, 200, 200, 200, 200, 200, 200,
    ]);
    // Owners repeated and comma-separated at once.
    expect(recorded[7].body).toMatchObject({ totalCount: 2 });
    // The second page, by the cursor the first one gave.
    const { nextCursor } = recorded[4].body as { nextCursor: string };
    const next = await request(server)
      .get(`/api/data-plan/plans?limit=1&cursor=${nextCursor}`)
      .set('Authorization', mockCredentials.user.header());
    recorded.push({
      method: 'get',
      url: `/plans?limit=1&cursor=${nextCursor}`,
      status: next.status,
      body: next.body,
    });

    expect(await replay(recorded)).toEqual(
      recorded.map(r => ({
        url: `${r.method.toUpperCase()} ${r.url}`,
        body: r.body,
      })),
    );
  }, 60_000);
});
