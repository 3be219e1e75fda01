import { Entity } from '@backstage/catalog-model';
import type { PlanDetailsResponse } from '@dataplan/plugin-data-plan-common';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getAsGuest, repoRoot, runDataProjectTemplate } from '../harness';

const backendUrl = process.env.E2E_BACKEND_URL!;
const name = `e2e-orders-${Date.now().toString(36)}`;
const projectDir = join(repoRoot, '.dataplan/workspace', name);

describe('creating a data project with the template, local destination', () => {
  afterAll(() => {
    rmSync(projectDir, { recursive: true, force: true });
  });

  it('runs the template for real and the catalog lists the new project', async () => {
    await runDataProjectTemplate(backendUrl, {
      name,
      title: 'E2E Orders',
      description: 'Created by the end-to-end journey.',
      owner: 'group:default/sales-analytics',
      database: 'E2E_DB',
      warehouse: 'COMPUTE_WH',
      warehouseSize: 'X-SMALL',
      layers: ['raw', 'transformation', 'consumption'],
      objects: [
        { name: 'ORDERS_RAW', layer: 'raw', kind: 'table' },
        {
          name: 'ORDERS_CLEAN',
          layer: 'transformation',
          kind: 'table',
          dependencies: 'ORDERS_RAW',
        },
        {
          name: 'DAILY_SALES',
          layer: 'consumption',
          kind: 'view',
          dependencies: 'ORDERS_CLEAN',
        },
      ],
      risks: [
        {
          risk: 'Late-arriving orders',
          probability: 'high',
          impact: 'high',
        },
      ],
      destination: 'local',
    });

    const entity = await getAsGuest<Entity>(
      backendUrl,
      `/api/catalog/entities/by-name/component/default/${name}`,
    );
    expect(entity.spec).toMatchObject({
      type: 'data-project',
      owner: 'group:default/sales-analytics',
    });
    expect(entity.metadata.annotations).toMatchObject({
      'dataplan/plan': 'PLAN.md',
    });

    expect(readFileSync(join(projectDir, 'PLAN.md'), 'utf8')).toMatch(
      /\| \*\*Status\*\* \| `DRAFT` \|/,
    );
    expect(
      existsSync(
        join(projectDir, 'src/transformation/tables/orders_clean.sql'),
      ),
    ).toBe(true);
    expect(existsSync(join(projectDir, '.git/HEAD'))).toBe(true);

    // The data-plan backend reads a project it has not seen yet on the first request.
    const details = await getAsGuest<PlanDetailsResponse>(
      backendUrl,
      `/api/data-plan/plans/by-entity/component/default/${name}`,
    );
    expect(details.plan?.metadata.status).toBe('DRAFT');
    expect(details.plan?.risks).toEqual([
      expect.objectContaining({
        risk: 'Late-arriving orders',
        probability: 'high',
        impact: 'high',
        score: 9,
      }),
    ]);
    expect(details.evaluation?.deployOrder.map(o => o.name)).toEqual([
      'E2E_DB.RAW.ORDERS_RAW',
      'E2E_DB.TRANSFORMATION.ORDERS_CLEAN',
      'E2E_DB.CONSUMPTION.DAILY_SALES',
    ]);
  });
});
