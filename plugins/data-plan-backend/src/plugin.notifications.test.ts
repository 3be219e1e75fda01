import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import git from 'isomorphic-git';
import fs, { readFileSync, writeFileSync } from 'node:fs';
import { Knex } from 'knex';
import request from 'supertest';
import {
  copySampleProject,
  dataProjectEntity,
} from './__testUtils__/sampleProjects';
import { NOTICES } from './database/noticeOutbox';
import { dataPlanPlugin } from './plugin';

// The data-plan plugin with the real notifications backend in one test backend: what the
// owners of a project find in their notifications, read through that backend's own API.
const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);

// Each test starts one or two real backends: a budget for a busy machine.
jest.setTimeout(120_000);

const PROJECT = 'forecast';
const OWNER = 'group:default/supply-chain-data';
const MEMBER = 'user:default/alice';

/** The project, its owner group and the group's member, related as the catalog relates them. */
function catalogEntities(root: { resolve(...paths: string[]): string }) {
  const project = dataProjectEntity(root, PROJECT, OWNER);
  project.metadata.title = 'Inventory forecast';
  project.relations = [{ type: 'ownedBy', targetRef: OWNER }];
  const group: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'supply-chain-data', namespace: 'default' },
    spec: { type: 'team', children: [], members: ['alice'] },
    relations: [{ type: 'hasMember', targetRef: MEMBER }],
  };
  const user: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: { memberOf: ['supply-chain-data'] },
    relations: [{ type: 'memberOf', targetRef: OWNER }],
  };
  return [project, group, user];
}

/** A notification as GET /api/notifications lists it. */
interface Notification {
  id: string;
  user: string;
  origin: string;
  read?: string | null;
  updated?: string | null;
  payload: {
    title: string;
    description?: string;
    link?: string;
    severity: string;
    topic?: string;
    scope?: string;
  };
}

/** The value `probe` gives once it gives one; the test's timeout ends a wait that never does. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 50));
  }
}

/** Both plugins' databases: each has its own, as in a real deployment. */
interface Databases {
  dataPlan: Knex;
  notifications: Knex;
}

describe.each(databases.eachSupportedId())(
  'notifications of plan events on %s',
  databaseId => {
    const root = createMockDirectory();
    const planPath = () => root.resolve(`projects/${PROJECT}/PLAN.md`);
    let draft: string;

    beforeEach(() => {
      root.clear();
      copySampleProject(root, 'inventory-forecast', PROJECT);
      draft = readFileSync(planPath(), 'utf8');
    });

    const withStatus = (status: string) =>
      draft.replace(
        '| **Status** | `DRAFT` |',
        `| **Status** | \`${status}\` |`,
      );

    async function initDatabases(): Promise<Databases> {
      return {
        dataPlan: await databases.init(databaseId),
        notifications: await databases.init(databaseId),
      };
    }

    async function start(
      dbs: Databases,
      options: {
        policy?: object;
        /** Called when the refresh reads the org hierarchy: after a cycle's writes, before its sends. */
        onGroupRead?: () => Promise<void>;
      } = {},
    ) {
      const catalog = catalogServiceMock({ entities: catalogEntities(root) });
      const queryEntities = catalog.queryEntities.bind(catalog);
      catalog.queryEntities = async (req, opts) => {
        const filter = req && 'filter' in req ? req.filter : undefined;
        if (
          options.onGroupRead &&
          filter &&
          !Array.isArray(filter) &&
          filter.kind === 'group'
        ) {
          await options.onGroupRead();
        }
        return queryEntities(req, opts);
      };
      const scheduler = mockServices.scheduler();
      const backend = await startTestBackend({
        features: [
          dataPlanPlugin,
          notificationsPlugin,
          // One catalog for both: the notifications backend resolves the project's
          // owners through it.
          createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () => catalog,
          }),
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) => ({
              getClient: async () =>
                plugin.getId() === 'notifications'
                  ? dbs.notifications
                  : dbs.dataPlan,
            }),
          }),
          // Tasks run only when the test triggers them.
          createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            factory: () => scheduler,
          }),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              dataPlan: {
                rootDir: root.path,
                planRoots: ['projects'],
                notifications: { enabled: true },
                // Its re-evaluations would send on their own, out of the cycle under test.
                repository: { enabled: false },
                ...(options.policy ? { policy: options.policy } : {}),
              },
            },
          }),
        ],
      });
      const refresh = () => scheduler.triggerTask('data-plan-refresh');
      const notifications = async (): Promise<Notification[]> => {
        const res = await request(backend.server)
          .get('/api/notifications/')
          .set('Authorization', mockCredentials.user.header(MEMBER));
        expect(res.status).toBe(200);
        expect(res.body.totalCount).toBe(res.body.notifications.length);
        return res.body.notifications;
      };
      const plan = async () =>
        (
          await request(backend.server)
            .get(`/api/data-plan/plans/by-entity/component/default/${PROJECT}`)
            .set('Authorization', mockCredentials.user.header(MEMBER))
        ).body;
      return { backend, scheduler, refresh, notifications, plan };
    }

    const outbox = (dbs: Databases) =>
      dbs.dataPlan(NOTICES).select('kind', 'sent_at', 'attempts');

    /** The notification of the DRAFT → REVIEW edit, as the owner's member has it. */
    const statusChange = {
      user: MEMBER,
      origin: 'plugin:data-plan',
      payload: expect.objectContaining({
        title: 'Inventory forecast: status DRAFT → REVIEW',
        link: `/catalog/default/component/${PROJECT}/data-plan`,
        severity: 'normal',
        topic: 'Dataplan',
        // Per event: the same event sent again replaces it, another is another.
        scope: expect.stringMatching(/^data-plan:statusChanged:[0-9a-f]{64}$/),
      }),
      // A second send of the same scope would have replaced it, setting `updated`.
      updated: null,
    };

    it('tells the owners of a status change once, across the cycles after it', async () => {
      const dbs = await initDatabases();
      const { refresh, notifications } = await start(dbs);

      // A first read tells nothing: there is nothing it changed from.
      await refresh();
      expect(await notifications()).toEqual([]);

      writeFileSync(planPath(), withStatus('REVIEW'));
      await refresh();
      await refresh();

      const sent = await notifications();
      expect(sent).toEqual([expect.objectContaining(statusChange)]);
      expect(await outbox(dbs)).toEqual([
        expect.objectContaining({ kind: 'statusChanged', attempts: 0 }),
      ]);
      expect((await outbox(dbs))[0].sent_at).not.toBeNull();
    });

    it('sends the notice of a refresh on request without waiting for a cycle', async () => {
      const dbs = await initDatabases();
      const { backend, refresh, notifications } = await start(dbs);
      await refresh();
      writeFileSync(planPath(), withStatus('REVIEW'));

      const res = await request(backend.server)
        .post(
          `/api/data-plan/plans/by-entity/component/default/${PROJECT}/refresh`,
        )
        .set('Authorization', mockCredentials.user.header(MEMBER));
      expect(res.status).toBe(200);
      expect(res.body.plan.metadata.status).toBe('REVIEW');

      // The route answers before the send ends: wait for the notification to arrive.
      const sent = await eventually(async () => {
        const list = await notifications();
        return list.length > 0 ? list : undefined;
      });
      expect(sent).toEqual([expect.objectContaining(statusChange)]);
      // The cycle after it has nothing left to send.
      await refresh();
      expect(await notifications()).toEqual(sent);
    });

    it('sends a notice written before a restart once, from the next backend', async () => {
      const dbs = await initDatabases();
      let holdGroupRead = false;
      let groupReadHeld!: () => void;
      const held = new Promise<void>(resolve => {
        groupReadHeld = resolve;
      });
      const first = await start(dbs, {
        // The first backend stops within its second cycle: after the write, before the send.
        onGroupRead: async () => {
          if (!holdGroupRead) return;
          groupReadHeld();
          await new Promise<never>(() => {});
        },
      });
      await first.refresh();
      writeFileSync(planPath(), withStatus('REVIEW'));
      holdGroupRead = true;
      void first.refresh();
      await held;
      expect(await outbox(dbs)).toEqual([
        { kind: 'statusChanged', sent_at: null, attempts: 0 },
      ]);
      expect(await first.notifications()).toEqual([]);
      await first.backend.stop();

      // The next backend on the same databases: its first cycle sends the notice, once.
      const second = await start(dbs);
      await second.refresh();
      const sent = await second.notifications();
      expect(sent).toEqual([expect.objectContaining(statusChange)]);
      const [row] = await outbox(dbs);
      expect(row.sent_at).not.toBeNull();

      await second.refresh();
      expect(await second.notifications()).toEqual(sent);
    });

    it('tells nothing of a re-evaluation under another policy', async () => {
      const dbs = await initDatabases();
      const before = await start(dbs);
      await before.refresh();
      const errors = (body: { diagnostics: Array<{ severity: string }> }) =>
        body.diagnostics.filter(d => d.severity === 'error').length;
      const warnings = (
        (await before.plan()).diagnostics as Array<{
          rule: string;
          severity: string;
        }>
      ).filter(d => d.severity === 'warning');
      expect(warnings.length).toBeGreaterThan(0);
      const errorsBefore = errors(await before.plan());
      await before.backend.stop();

      // The same plan, judged anew: its warnings are errors now.
      const after = await start(dbs, {
        policy: {
          default: {
            severities: Object.fromEntries(
              warnings.map(w => [w.rule, 'error']),
            ),
          },
        },
      });
      await after.refresh();
      await after.refresh();
      expect(errors(await after.plan())).toBeGreaterThan(errorsBefore);
      expect(await after.notifications()).toEqual([]);
      expect(await outbox(dbs)).toEqual([]);

      // Under the new policy, a new version of the plan is told as ever.
      writeFileSync(planPath(), withStatus('REVIEW'));
      await after.refresh();
      expect(await after.notifications()).toEqual([
        expect.objectContaining(statusChange),
      ]);
    });

    it('tells nothing of the history a backfill reads', async () => {
      const dir = root.resolve(`projects/${PROJECT}`);
      await git.init({ fs, dir, defaultBranch: 'main' });
      const firstCommit = Date.UTC(2026, 0, 1) / 1000;
      for (const [index, status] of [
        'DRAFT',
        'REVIEW',
        'IN_PROGRESS',
      ].entries()) {
        writeFileSync(planPath(), withStatus(status));
        await git.add({ fs, dir, filepath: 'PLAN.md' });
        const who = {
          name: 'dataplan',
          email: 'dev@dataplan.local',
          timestamp: firstCommit + index * 86_400,
          timezoneOffset: 0,
        };
        await git.commit({
          fs,
          dir,
          message: `${status}`,
          author: who,
          committer: who,
        });
      }
      const dbs = await initDatabases();
      const { backend, scheduler, refresh, notifications } = await start(dbs);
      await refresh();
      await scheduler.triggerTask('data-plan-history-backfill');
      await refresh();

      const history = await request(backend.server)
        .get(
          `/api/data-plan/plans/by-entity/component/default/${PROJECT}/history`,
        )
        .set('Authorization', mockCredentials.user.header(MEMBER));
      expect(history.body.backfill).toMatchObject({ state: 'done' });
      // The backfill read the status changes of the plan's past versions...
      expect(
        history.body.statuses.map((s: { status: string }) => s.status),
      ).toEqual(['DRAFT', 'REVIEW', 'IN_PROGRESS']);
      // ...and told none of them.
      expect(await notifications()).toEqual([]);
      expect(await outbox(dbs)).toEqual([]);
    });
  },
);
