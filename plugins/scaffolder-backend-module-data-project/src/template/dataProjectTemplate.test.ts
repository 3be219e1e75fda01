import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import {
  checkRepository,
  inMemoryProjectFiles,
  parsePlan,
} from '@dataplan/plugin-data-plan-common';
import { AstSqlLineageReader } from '@dataplan/plugin-data-plan-common/sql-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModuleDataProject } from '../module';
import {
  directoryContents,
  formValues,
  templateDir,
} from './__testUtils__/templateFiles';

describe('the data-project template', () => {
  const template = yaml.parse(
    readFileSync(join(templateDir, 'template.yaml'), 'utf8'),
  );

  it('is a valid v1beta3 template that uses only registered actions', async () => {
    await expect(templateEntityV1beta3Validator.check(template)).resolves.toBe(
      true,
    );
    expect(
      template.spec.steps.map((s: { action: string }) => s.action),
    ).toEqual([
      'fetch:template',
      'dataplan:layout:create',
      'dataplan:plan:write',
      'dataplan:objects:generate',
      'dataplan:publish:local',
      'publish:github',
      'catalog:register',
    ]);
  });

  it('passes every value the skeleton uses', () => {
    const fetch = template.spec.steps.find(
      (s: { id: string }) => s.id === 'fetch',
    );
    const used = new Set<string>();
    for (const file of directoryContents(join(templateDir, 'skeleton'))) {
      const text = Buffer.from(file.base64Content, 'base64').toString('utf8');
      for (const match of text.matchAll(/values\.(\w+)/g)) used.add(match[1]);
    }
    expect([...used].filter(key => !(key in fetch.input.values))).toEqual([]);
  });

  it('produces the project through the scaffolder dry-run endpoint, with a plan that parses without errors', async () => {
    const root = createMockDirectory();
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleDataProject,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { dataPlan: { rootDir: root.path } },
        }),
      ],
    });

    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values: formValues,
        directoryContents: directoryContents(templateDir),
      });

    expect(res.status).toBe(200);
    const files = new Map<string, string>(
      res.body.directoryContents.map(
        (f: { path: string; base64Content: string }) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ],
      ),
    );
    expect(
      [...files.keys()].filter(p => !p.endsWith('.gitkeep')).sort(),
    ).toEqual([
      '.github/workflows/dataplan.yml',
      '.gitignore',
      'PLAN.md',
      'README.md',
      'catalog-info.yaml',
      'deploy/backup.sql',
      'deploy/deploy.sql',
      'deploy/rollback.sql',
      'deploy/validate.sql',
      'src/consumption/views/daily_sales.sql',
      'src/raw/tables/customers_raw.sql',
      'src/raw/tables/orders_raw.sql',
      'src/transformation/tables/orders_clean.sql',
      'src/transformation/tasks/refresh_orders.sql',
      'tests/unit/consumption/daily_sales.sql',
      'tests/unit/raw/customers_raw.sql',
      'tests/unit/raw/orders_raw.sql',
      'tests/unit/transformation/orders_clean.sql',
      'tests/unit/transformation/refresh_orders.sql',
    ]);
    expect(files.has('src/raw/views/.gitkeep')).toBe(true);
    expect(files.has('backups/.gitkeep')).toBe(true);

    const entity = yaml.parse(files.get('catalog-info.yaml')!);
    expect(entity).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'sales-orders',
        title: 'Sales Orders Pipeline',
        annotations: { 'dataplan/plan': 'PLAN.md' },
      },
      spec: { type: 'data-project', owner: 'group:default/sales-analytics' },
    });
    expect(entity.spec.system).toBeUndefined();

    const plan = parsePlan(files.get('PLAN.md')!);
    expect(plan.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    // A fresh project holds its plan: no drift between PLAN.md and its files.
    const repository = await checkRepository(plan, inMemoryProjectFiles(files));
    expect(repository.findings).toEqual([]);
    // Its SQL uses what its Dependencies list, with either reader.
    const parsed = await checkRepository(plan, inMemoryProjectFiles(files), {
      sqlLineage: new AstSqlLineageReader(),
    });
    expect(parsed.findings).toEqual([]);
    expect(parsed.lineage).toHaveLength(5);
    expect(parsed.lineage.every(l => l.understood)).toBe(true);
    expect(repository.figures).toMatchObject({
      filesPlanned: 5,
      filesPresent: 5,
      unitTestCoverage: 1,
      deployCoverage: 1,
      rollbackCoverage: 1,
    });
    expect(repository.objects.filter(o => o.kind === 'table')).toEqual([
      expect.objectContaining({ backup: true }),
      expect.objectContaining({ backup: true }),
      expect.objectContaining({ backup: true }),
    ]);
    expect(plan.metadata.status).toBe('DRAFT');
    expect(plan.objects).toHaveLength(5);
    expect(plan.risks[0]).toMatchObject({
      risk: 'Late-arriving orders',
      score: 9,
    });
    expect(files.get('README.md')).toContain(
      '`raw` → `transformation` → `consumption`',
    );
    expect(files.get('src/transformation/tasks/refresh_orders.sql')).toContain(
      'WAREHOUSE = TRANSFORM_XS',
    );
    expect(res.body.output.links).toEqual([
      expect.objectContaining({
        title: 'Repository',
        url: expect.stringMatching(
          /^file:\/\/.*\/\.dataplan\/workspace\/sales-orders$/,
        ),
      }),
      expect.objectContaining({
        title: 'Open in catalog',
        entityRef: 'component:default/sales-orders',
      }),
    ]);
  }, 60_000);

  /** A dry run of the template in a scaffolder without a dataPlan block. */
  async function dryRun(withTemplate: unknown, values: object) {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleDataProject,
        catalogServiceMock.factory(),
      ],
    });
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: withTemplate,
        values,
        directoryContents: directoryContents(templateDir),
      });
  }

  it('rejects form values that break the schema', async () => {
    const res = await dryRun(template, { ...formValues, database: 'sales db' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/database/);
  });

  it("has the plan step refuse a kind outside common's list even when the form allows it", async () => {
    const lenient = structuredClone(template);
    const objects = lenient.spec.parameters.find(
      (page: { properties: object }) => 'objects' in page.properties,
    ).properties.objects;
    delete objects.items.properties.kind.enum;
    const res = await dryRun(lenient, {
      ...formValues,
      objects: [{ name: 'ORDERS_RAW', layer: 'raw', kind: 'stream' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /dataplan:plan:write.*objects\[0\]\.kind is not one of enum values: table,view,task,procedure/,
    );
  });
});
