import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { evaluatePlan, parsePlan } from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseDataPlanStore } from '../../database/DatabaseDataPlanStore';
import { PlanReader } from '../PlanReader';
import { CHECK_VERSION } from './checkVersion';
import { ProjectFilesReader, ReadableProjectFiles } from './ProjectFilesReader';
import { DefaultRepositoryChecker } from './RepositoryChecker';

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);
const plan = parsePlan(
  readFileSync(
    resolve(
      __dirname,
      '../../../../../examples/data-projects/sales-orders/PLAN.md',
    ),
    'utf8',
  ),
);
const source = {
  type: 'file' as const,
  location: '/p/PLAN.md',
  path: 'PLAN.md',
};
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));

const entityOf = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'data-project', owner: 'sales-analytics' },
});

/** Files of one tree (ETag `tree-1`), whose listing waits for `hold` when one is set. */
function fakeFiles() {
  const calls: Array<{
    entity: string;
    etag?: string;
    signal?: AbortSignal;
  }> = [];
  const state: { hold?: Promise<void>; listed?: () => void } = {};
  const reader: ProjectFilesReader = {
    filesOf(planSource, options) {
      calls.push({
        entity: planSource.location,
        etag: options?.etag,
        signal: options?.signal,
      });
      const files: ReadableProjectFiles = {
        stats: { scmCalls: 0, fileReads: 0, bytesRead: 0 },
        listingEtag: () => 'tree-1',
        async list() {
          files.stats.scmCalls++;
          if (options?.etag === 'tree-1') {
            throw new NotModifiedError('The tree is unchanged');
          }
          state.listed?.();
          if (state.hold) await state.hold;
          return { paths: ['PLAN.md'], truncated: false };
        },
        async readText() {
          return undefined;
        },
      };
      return files;
    },
  };
  return { reader, calls, state };
}

describe.each(databases.eachSupportedId())(
  'DefaultRepositoryChecker on %s',
  databaseId => {
    async function setup(names: string[], concurrency = 1) {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDataPlanStore.create({
        database: { getClient: async () => knex },
      });
      const entities = names.map(entityOf);
      const savePlan = (entity: Entity, contentHash: string, minute = 0) =>
        store.saveResult({
          identity: {
            entityRef: stringifyEntityRef(entity),
            name: entity.metadata.name,
          },
          source: { ...source, location: `/${entity.metadata.name}/PLAN.md` },
          key: {
            contentHash,
            parserVersion: 1,
            policyHash: 'p',
            policyName: 'default',
          },
          plan,
          evaluation: evaluatePlan(plan),
          now: at(minute),
        });
      for (const entity of entities) await savePlan(entity, 'a'.repeat(64));
      const files = fakeFiles();
      const reader = {
        resolveSource: async (entity: Entity) => ({
          ...source,
          location: `/${entity.metadata.name}/PLAN.md`,
        }),
      } as unknown as PlanReader;
      const checker = DefaultRepositoryChecker.create({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        reader,
        files: files.reader,
        store,
        logger: mockServices.logger.mock(),
        concurrency,
      });
      return { store, entities, files, checker, savePlan };
    }

    it('checks a plan written while its check of the plan before ran, once that check ends', async () => {
      const { store, entities, files, checker, savePlan } = await setup(
        ['sales-orders'],
        2,
      );
      const [entity] = entities;
      // Once a call has read the checks' states, it joins the check under way.
      const statesRead: Array<Promise<void>> = [];
      const states = store.getRepositoryCheckStates.bind(store);
      jest.spyOn(store, 'getRepositoryCheckStates').mockImplementation(() => {
        const read = states();
        statesRead.push(
          read.then(() => new Promise<void>(r => setImmediate(r))),
        );
        return read;
      });
      let release!: () => void;
      files.state.hold = new Promise(r => {
        release = r;
      });
      const listed = new Promise<void>(r => {
        files.state.listed = r;
      });
      const first = checker.checkEntity(entity);
      await listed;
      files.state.listed = undefined;
      // The plan changes while its files are being read for the plan before.
      await savePlan(entity, 'b'.repeat(64), 1);
      const second = checker.checkEntity(entity);
      await statesRead[1];
      files.state.hold = undefined;
      release();
      await first;
      await expect(second).resolves.toBe('changed');
      expect(
        (await store.getRepositoryReport(stringifyEntityRef(entity)))
          ?.contentHash,
      ).toBe('b'.repeat(64));
    });

    it('never stores a failure to store a check as the project’s error', async () => {
      const { store, entities, checker } = await setup(['sales-orders']);
      const [entity] = entities;
      const save = store.saveRepositoryCheck.bind(store);
      jest
        .spyOn(store, 'saveRepositoryCheck')
        .mockImplementationOnce(() =>
          Promise.reject(
            new Error(
              'insert into "data_plan_repository_checks" - duplicate key value violates unique constraint',
            ),
          ),
        )
        .mockImplementation(save);
      await expect(checker.checkEntity(entity)).resolves.toBe('error');
      const stored = await store.getRepositoryReport(
        stringifyEntityRef(entity),
      );
      expect(stored?.error).toBeUndefined();
      await expect(checker.checkEntity(entity)).resolves.toBe('changed');
    });

    it('checks the longest unchecked projects first, with the pass’s signal, and skips only a tree the same checks read', async () => {
      const { store, entities, files, checker } = await setup([
        'a-project',
        'b-project',
        'c-project',
      ]);
      const [a, b] = entities;
      // b was checked longest ago, a since, by an older version of the checks; c never.
      const save = (entity: Entity, minute: number, checkVersion: string) =>
        store.saveRepositoryCheck(stringifyEntityRef(entity), {
          checkedAt: at(minute),
          contentHash: 'a'.repeat(64),
          listingEtag: 'tree-1',
          checkVersion,
          report: {
            findings: [],
            lineage: [],
            objects: [],
            orphans: [],
            listing: { paths: 1, truncated: false },
            figures: {
              filesPlanned: 0,
              filesPresent: 0,
              unitTestCoverage: null,
              unitTestCoverageByLayer: {},
              deployCoverage: null,
              rollbackCoverage: null,
            },
          },
          scmCalls: 1,
          fileReads: 0,
        });
      await save(a, 5, 'an older version');
      await save(b, 1, CHECK_VERSION);
      const controller = new AbortController();
      const stats = await checker.checkAll({ signal: controller.signal });
      expect(files.calls.map(c => [c.entity, c.etag])).toEqual([
        ['/c-project/PLAN.md', undefined],
        ['/b-project/PLAN.md', 'tree-1'],
        // Same plan, same tree, but another version of the checks: read again.
        ['/a-project/PLAN.md', undefined],
      ]);
      expect(files.calls.every(c => c.signal === controller.signal)).toBe(true);
      expect(stats).toMatchObject({ checked: 2, unchanged: 1, errors: 0 });
      // Checked by this version now: the next pass skips its unchanged tree.
      files.calls.length = 0;
      await checker.checkEntity(a);
      expect(files.calls.map(c => c.etag)).toEqual(['tree-1']);
    });
  },
);
