import type { PlanDetailsResponse } from '@dataplan/plugin-data-plan-common';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import {
  assertNoSeriousViolations,
  eventually,
  launchBrowser,
  repoRoot,
  requestAsGuest,
  runDataProjectTemplate,
  signInAsGuest,
} from '../harness';

const frontendUrl = process.env.E2E_FRONTEND_URL!;
const backendUrl = process.env.E2E_BACKEND_URL!;
const name = `e2e-history-${Date.now().toString(36)}`;
const projectDir = join(repoRoot, '.dataplan/workspace', name);
const planApi = `/api/data-plan/plans/by-entity/component/default/${name}`;

/** A local workspace project made with the template, as createProjectLocal makes one. */
async function createWorkspaceProject() {
  await runDataProjectTemplate(backendUrl, {
    name,
    title: 'E2E History',
    description: 'Created by the history journey.',
    owner: 'group:default/sales-analytics',
    database: 'E2E_DB',
    warehouse: 'COMPUTE_WH',
    warehouseSize: 'X-SMALL',
    layers: ['raw', 'transformation'],
    objects: [
      { name: 'ORDERS_RAW', layer: 'raw', kind: 'table' },
      {
        name: 'ORDERS_CLEAN',
        layer: 'transformation',
        kind: 'table',
        dependencies: 'ORDERS_RAW',
      },
    ],
    risks: [
      { risk: 'Late-arriving orders', probability: 'low', impact: 'low' },
    ],
    destination: 'local',
  });
}

describe('editing a workspace project plan from DRAFT to REVIEW', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInAsGuest(page, frontendUrl);
  });

  afterAll(async () => {
    rmSync(projectDir, { recursive: true, force: true });
    await browser?.close();
  });

  it('starts as a DRAFT project in the workspace', async () => {
    await createWorkspaceProject();
    const details = await eventually(
      'the new project in the catalog',
      async () => {
        const { status, body } = await requestAsGuest<PlanDetailsResponse>(
          backendUrl,
          planApi,
        );
        return status === 200 && body.plan ? body : undefined;
      },
    );
    expect(details.plan?.metadata.status).toBe('DRAFT');
  });

  it('shows REVIEW in its history timeline after a refresh', async () => {
    const planPath = join(projectDir, 'PLAN.md');
    const text = readFileSync(planPath, 'utf8');
    const edited = text.replace(
      '| **Status** | `DRAFT` |',
      '| **Status** | `REVIEW` |',
    );
    expect(edited).not.toBe(text);
    writeFileSync(planPath, edited);

    const refreshed = await requestAsGuest<PlanDetailsResponse>(
      backendUrl,
      `${planApi}/refresh`,
      { method: 'POST' },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.plan?.metadata.status).toBe('REVIEW');

    await page.goto(
      `${frontendUrl}/catalog/default/component/${name}/data-plan`,
    );
    const timeline = page
      .getByRole('region', { name: 'History' })
      .getByRole('list', { name: 'Status timeline' });
    const current = timeline.locator('li[aria-current="step"]');
    await current.waitFor({ timeout: 60_000 });
    expect(
      await current.locator('[data-status]').getAttribute('data-status'),
    ).toBe('REVIEW');
    expect(
      await timeline.locator('[data-status="DRAFT"]').count(),
    ).toBeGreaterThan(0);
  });

  it('has no serious or critical accessibility violations', async () => {
    // It throws on any serious or critical one; what it returns are the milder ones.
    const milder = await assertNoSeriousViolations(page);
    expect(milder.map(v => v.impact)).not.toContainEqual(
      expect.stringMatching(/^(serious|critical)$/),
    );
  });
});
