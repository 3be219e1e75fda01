import { NotFoundError } from '@backstage/errors';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuditorServiceEvent } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { dataPlanRefreshPermission } from '@dataplan/plugin-data-plan-common';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import {
  copySampleProject,
  dataProjectEntity,
} from './__testUtils__/sampleProjects';
import { dataPlanPlugin } from './plugin';

const examples = resolve(__dirname, '../../../examples/data-projects');

/** What the refresh route told the auditor about one request. */
interface AuditRecord {
  eventId: string;
  meta?: JsonObject;
  result?: 'success' | 'fail';
  resultMeta?: JsonObject;
  error?: Error;
}

describe('refreshing a plan on request', () => {
  const root = createMockDirectory();
  root.clear();
  copySampleProject(root, 'sales-orders');
  copySampleProject(root, 'customer-360');
  copySampleProject(root, 'sales-orders', 'notes');
  writeFileSync(root.resolve('projects/notes/PLAN.md'), 'Meeting notes\n');

  const project = (name: string): Entity => dataProjectEntity(root, name);

  // Refresh is allowed on these two entities only, so that a check made without the
  // entity's resourceRef (or with another one) is refused.
  const refreshable = new Set([
    'component:default/sales-orders',
    'component:default/notes',
  ]);

  async function start() {
    const audits: AuditRecord[] = [];
    const auditor = mockServices.auditor.mock({
      createEvent: async options => {
        const record: AuditRecord = {
          eventId: options.eventId,
          meta: options.meta,
        };
        audits.push(record);
        const event: AuditorServiceEvent = {
          success: async result => {
            record.result = 'success';
            record.resultMeta = result?.meta;
          },
          fail: async result => {
            record.result = 'fail';
            record.resultMeta = result.meta;
            record.error = result.error;
          },
        };
        return event;
      },
    });
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorize: async requests =>
        requests.map(r => ({
          result:
            r.permission.name !== dataPlanRefreshPermission.name ||
            ('resourceRef' in r && refreshable.has(r.resourceRef!))
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    });
    const { server } = await startTestBackend({
      features: [
        dataPlanPlugin,
        catalogServiceMock.factory({
          entities: ['sales-orders', 'customer-360', 'notes'].map(project),
        }),
        mockServices.rootConfig.factory({
          data: {
            dataPlan: { rootDir: root.path, planRoots: ['projects'] },
          },
        }),
        permissions.factory,
        auditor.factory,
      ],
    });
    const refresh = (name: string) =>
      request(server)
        .post(
          `/api/data-plan/plans/by-entity/component/default/${name}/refresh`,
        )
        .set('Authorization', mockCredentials.user.header());
    return { refresh, audits, permissions };
  }

  it('checks the refresh permission on the entity, and audits a success', async () => {
    const { refresh, audits, permissions } = await start();

    const response = await refresh('sales-orders');
    expect(response.status).toBe(200);
    expect(response.body.plan.metadata.status).toBe('IN_PROGRESS');
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: dataPlanRefreshPermission,
          resourceRef: 'component:default/sales-orders',
        },
      ],
      expect.anything(),
    );
    expect(audits).toEqual([
      {
        eventId: 'plan-refresh',
        meta: { entityRef: 'component:default/sales-orders' },
        result: 'success',
        resultMeta: { outcome: expect.stringMatching(/^(written|unchanged)$/) },
      },
    ]);
  });

  it('refuses an entity the policy does not allow, and audits the refusal', async () => {
    const { refresh, audits } = await start();

    const response = await refresh('customer-360');
    expect(response.status).toBe(403);
    expect(audits).toEqual([
      expect.objectContaining({
        meta: { entityRef: 'component:default/customer-360' },
        result: 'fail',
        error: expect.objectContaining({ name: 'NotAllowedError' }),
      }),
    ]);
  });

  it('audits a refresh that read no plan as a failure, and shows the error', async () => {
    const { refresh, audits } = await start();

    const response = await refresh('notes');
    expect(response.status).toBe(200);
    expect(response.body.refresh.lastError).toMatch(
      /^InputError: PLAN\.md is not a plan/,
    );
    expect(audits).toEqual([
      {
        eventId: 'plan-refresh',
        meta: { entityRef: 'component:default/notes' },
        result: 'fail',
        resultMeta: { outcome: 'error' },
        error: expect.objectContaining({
          message: expect.stringMatching(/^InputError: PLAN\.md is not a plan/),
        }),
      },
    ]);
  });
  it('reads a never-read plan once for concurrent first requests', async () => {
    const plan = readFileSync(`${examples}/sales-orders/PLAN.md`);
    let release!: () => void;
    const gate = new Promise<void>(settle => {
      release = settle;
    });
    let reading!: () => void;
    const readStarted = new Promise<void>(settle => {
      reading = settle;
    });
    const urlReader = mockServices.urlReader.mock({
      readUrl: async url => {
        // The project has no waiver file.
        if (url.endsWith('/.dataplan/waivers.yaml')) {
          throw new NotFoundError(url);
        }
        reading();
        await gate;
        return { buffer: async () => plan, etag: '"v1"' };
      },
    });
    const urlOrders: Entity = {
      ...project('url-orders'),
      metadata: {
        name: 'url-orders',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/orders/blob/main/catalog-info.yaml',
        },
      },
    };
    const inner = catalogServiceMock({ entities: [urlOrders] });
    let lookups = 0;
    let allLooked!: () => void;
    const allLookedUp = new Promise<void>(settle => {
      allLooked = settle;
    });
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async (ref, options) => {
        if (++lookups === 3) allLooked();
        return inner.getEntityByRef(ref, options);
      },
    });
    const { server } = await startTestBackend({
      features: [
        dataPlanPlugin,
        catalog.factory,
        // No cycle at startup: the plan has never been read when the requests come.
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        urlReader.factory,
      ],
    });

    const responses = Promise.all(
      [1, 2, 3].map(() =>
        request(server)
          .get('/api/data-plan/plans/by-entity/component/default/url-orders')
          .set('Authorization', mockCredentials.user.header()),
      ),
    );
    // Every request has found the entity (and goes on to find no stored plan) before the
    // first read may finish.
    await Promise.all([readStarted, allLookedUp]);
    release();
    for (const response of await responses) {
      expect(response.status).toBe(200);
      expect(response.body.plan.metadata.status).toBe('IN_PROGRESS');
    }
    expect(
      urlReader.readUrl.mock.calls.filter(([url]) => url.endsWith('/PLAN.md')),
    ).toHaveLength(1);
  });
});
