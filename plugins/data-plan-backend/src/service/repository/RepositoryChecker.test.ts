import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseDataPlanStore } from '../../database/DatabaseDataPlanStore';
import { WorkerPlanParser } from '../parsing/WorkerPlanParser';
import { DefaultPlanReader } from '../PlanReader';
import { DefaultPlanRefresher } from '../PlanRefresher';
import { DefaultProjectFilesReader } from './ProjectFilesReader';
import { DefaultRepositoryChecker } from './RepositoryChecker';

const databases = createTestDatabases(['SQLITE_3']);
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
