import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { objectKey, PlanRule } from '@dataplan/plugin-data-plan-common';
import { dataPlanRulesExtensionPoint } from '@dataplan/plugin-data-plan-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { dataPlanPlugin } from './plugin';
import { createTestDatabases } from './__testUtils__/testDatabases';

const databases = createTestDatabases(['SQLITE_3']);
const examples = resolve(__dirname, '../../../examples/data-projects');
const planText = readFileSync(`${examples}/sales-orders/PLAN.md`);

const orders: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/orders/blob/main/catalog-info.yaml',
    },
  },
  spec: { type: 'data-project', owner: 'group:default/sales-analytics' },
};

/** One finding per raw-layer object, whose message carries the rule's version. */
function rawObjectsRule(version: number, check = jest.fn()): PlanRule {
  return {
    id: 'raw-object-listed',
    title: 'Raw objects are listed',
    defaultSeverity: 'info',
    version,
    check: context => {
      check(context);
      return context.plan.objects
        .filter(object => object.layer === 'raw')
        .map(object => ({
          subject: objectKey(object),
          message: `v${version}: ${object.name} is raw`,
          line: object.line,
        }));
    },
  };
}

function rulesModule(moduleId: string, ...rules: PlanRule[]) {
  return createBackendModule({
    pluginId: 'data-plan',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { planRules: dataPlanRulesExtensionPoint },
        async init({ planRules }) {
          planRules.addRules(...rules);
        },
      });
    },
  });
}

describe('plan rules from backend modules', () => {
  /** Plans the URL reader sent in full; a read with the current ETag is not modified. */
  let downloads = 0;
  const urlReader = mockServices.urlReader.mock({
    readUrl: async (url, options) => {
      // The project has no waiver file.
      if (url.endsWith('/.dataplan/waivers.yaml')) throw new NotFoundError(url);
      if (options?.etag === '"v1"') throw new NotModifiedError();
      downloads++;
      return { buffer: async () => planText, etag: '"v1"' };
    },
  });

  async function start(
    knex: Awaited<ReturnType<typeof databases.init>>,
    modules: ReturnType<typeof rulesModule>[],
    entities: Entity[] = [orders],
  ) {
    const backend = await startTestBackend({
      features: [
        dataPlanPlugin,
        ...modules,
        mockServices.database.factory({ knex }),
        urlReader.factory,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [{ host: 'github.com' }] },
            dataPlan: {
              policy: {
                default: { severities: { 'raw-object-listed': 'warning' } },
              },
            },
          },
        }),
      ],
    });
    const refresh = () =>
      request(backend.server)
        .post('/api/data-plan/plans/by-entity/component/default/orders/refresh')
        .set('Authorization', mockCredentials.user.header());
    return { backend, refresh };
  }

  const ruleFindings = (body: {
    diagnostics: Array<{ rule: string; message: string }>;
  }) => body.diagnostics.filter(d => d.rule === 'raw-object-listed');

  it('stores a module rule’s findings, and re-evaluates without reading when its version changes', async () => {
    const knex = await databases.init('SQLITE_3');
    const check = jest.fn();
    const first = await start(knex, [
      rulesModule('test-rules', rawObjectsRule(1, check)),
    ]);

    const response = await first.refresh();
    expect(response.status).toBe(200);
    const found = ruleFindings(response.body);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({
      key: expect.stringMatching(/^raw-object-listed:object:/),
      severity: 'warning',
      message: expect.stringMatching(/^v1: /),
    });
    expect(check).toHaveBeenCalledWith(
      expect.objectContaining({
        entity: expect.objectContaining({
          metadata: expect.objectContaining({ name: 'orders' }),
        }),
      }),
    );
    expect(downloads).toBe(1);
    await first.backend.stop();

    const second = await start(knex, [
      rulesModule('test-rules', rawObjectsRule(2)),
    ]);
    const again = await second.refresh();
    expect(again.status).toBe(200);
    expect(ruleFindings(again.body).map(d => d.message)).toEqual(
      found.map(d => d.message.replace(/^v1/, 'v2')),
    );
    // The stored plan was evaluated again: the text was not sent a second time.
    expect(downloads).toBe(1);
    await second.backend.stop();
  });

  it('runs the rules on POST /lint with no entity', async () => {
    const knex = await databases.init('SQLITE_3');
    const check = jest.fn();
    // No data project in the catalog: the rules run for the lint alone.
    const { backend } = await start(
      knex,
      [rulesModule('test-rules', rawObjectsRule(1, check))],
      [],
    );
    const lint = await request(backend.server)
      .post('/api/data-plan/lint')
      .set('Authorization', mockCredentials.user.header())
      .send({ text: planText.toString('utf8') });
    expect(lint.status).toBe(200);
    expect(ruleFindings(lint.body).length).toBeGreaterThan(0);
    expect(check).toHaveBeenCalledTimes(1);
    expect(check.mock.calls[0][0].entity).toBeUndefined();
    await backend.stop();
  });

  it('refuses to start when two modules register one rule id, naming it', async () => {
    const knex = await databases.init('SQLITE_3');
    await expect(
      start(knex, [
        rulesModule('some-rules', rawObjectsRule(1)),
        rulesModule('more-rules', rawObjectsRule(2)),
      ]),
    ).rejects.toThrow(/Plan rule id "raw-object-listed" is registered twice/);
  });
});
