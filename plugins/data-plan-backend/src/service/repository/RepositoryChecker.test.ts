import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { evaluatePlan, parsePlan } from '@dataplan/plugin-data-plan-common';
import { Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseDataPlanStore } from '../../database/DatabaseDataPlanStore';
import { WorkerPlanParser } from '../parsing/WorkerPlanParser';
import { DefaultPlanReader, PlanReader } from '../PlanReader';
import { DefaultPlanRefresher } from '../PlanRefresher';
import { CHECK_VERSION } from './checkVersion';
import {
  DefaultProjectFilesReader,
  ProjectFilesReader,
  ReadableProjectFiles,
} from './ProjectFilesReader';
import { DefaultRepositoryChecker } from './RepositoryChecker';

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);
const examples = resolve(__dirname, '../../../../../examples/data-projects');
const folder = 'https://scm.example.com/acme/orders/blob/main/';

describe('DefaultRepositoryChecker', () => {
  const parser = WorkerPlanParser.create({ maxThreads: 1 });
  afterAll(() => parser.close());

  it('lists an unchanged tree once, answered NotModified, and reads none of its files', async () => {
    const sample = `${examples}/sales-orders`;
    const plan = readFileSync(`${sample}/PLAN.md`);
    // The sample project's files, each read counted.
    const content = jest.fn(async (path: string) =>
      readFileSync(`${sample}/${path}`),
    );
    const listed = (
      readdirSync(sample, { recursive: true, withFileTypes: true }) as Dirent[]
    )
      .filter(entry => entry.isFile())
      .map(entry =>
        relative(sample, join(entry.parentPath, entry.name))
          .split(sep)
          .join('/'),
      );
    // A host with ETags, as GitHub: the tree's commit, the plan's own.
    const urlReader = {
      readUrl: jest.fn(async (url: string, options?: { etag?: string }) => {
        if (!url.endsWith('/PLAN.md')) throw new NotFoundError(url);
        if (options?.etag === 'plan') throw new NotModifiedError();
        return { buffer: async () => plan, etag: 'plan' };
      }),
      search: jest.fn(async (_url: string, options?: { etag?: string }) => {
        if (options?.etag === 'tree') throw new NotModifiedError();
        return {
          etag: 'tree',
          files: listed.map(path => ({
            url: `${folder}${path}`,
            content: () => content(path),
          })),
        };
      }),
      readTree: jest.fn(),
    } as unknown as UrlReaderService;
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'orders',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `url:${folder}catalog-info.yaml`,
        },
      },
      spec: { type: 'data-project', owner: 'sales-analytics' },
    };
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseDataPlanStore.create({
      database: { getClient: async () => knex },
    });
    const catalog = catalogServiceMock({ entities: [entity] });
    const logger = mockServices.logger.mock();
    const reader = DefaultPlanReader.create({
      urlReader,
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      planRoots: [],
      maxPlanBytes: 1024 * 1024,
    });
    const refresher = DefaultPlanRefresher.create({
      catalog,
      auth: mockServices.auth(),
      reader,
      parser,
      store,
      logger,
    });
    expect(await refresher.refreshAll()).toMatchObject({ writes: 1 });
    const checker = DefaultRepositoryChecker.create({
      catalog,
      auth: mockServices.auth(),
      reader,
      files: DefaultProjectFilesReader.create({
        urlReader,
        planRoots: [],
        maxFiles: 100,
        maxBytes: 1024 * 1024,
      }),
      store,
      logger,
      onReportChanged: entityChanged =>
        refresher.refreshEntityAfter(entityChanged),
    });

    const first = await checker.checkAll();
    expect(first).toMatchObject({ projects: 1, checked: 1, changed: 1 });
    expect(urlReader.search).toHaveBeenCalledTimes(1);
    const reads = content.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    expect(first.fileReads).toBe(reads);

    expect(await checker.checkAll()).toMatchObject({
      projects: 1,
      unchanged: 1,
      changed: 0,
      errors: 0,
      scmCalls: 1,
      fileReads: 0,
    });
    expect(urlReader.search).toHaveBeenCalledTimes(2);
    expect(urlReader.search).toHaveBeenLastCalledWith(`${folder}**`, {
      etag: 'tree',
    });
    expect(content).toHaveBeenCalledTimes(reads);

    // A plain refresh of the unchanged plan lists no tree, and writes nothing: the
    // re-evaluation the check asked for stored the project as a refresh would (its owner
    // among the rest), not as the fields of a trimmed entity.
    expect(await refresher.refreshAll()).toMatchObject({
      downloads: 0,
      parses: 0,
      writes: 0,
    });
    expect(urlReader.search).toHaveBeenCalledTimes(2);
    expect(content).toHaveBeenCalledTimes(reads);
  });
});

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
