import type { PlanDetailsResponse } from '@dataplan/plugin-data-plan-common';
import { rmSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import {
  assertNoSeriousViolations,
  createWorkspaceProject,
  launchBrowser,
  markGuestNotificationsRead,
  requestAsGuest,
  setWorkspacePlanStatus,
  signInAsGuest,
  workspaceProjectDir,
} from '../harness';

const frontendUrl = process.env.E2E_FRONTEND_URL!;
const backendUrl = process.env.E2E_BACKEND_URL!;
const suffix = Date.now().toString(36);
const name = `e2e-history-${suffix}`;
// Unique, so that its notification is told apart from those of earlier runs.
const title = `E2E History ${suffix}`;
const projectDir = workspaceProjectDir(name);
const planApi = `/api/data-plan/plans/by-entity/component/default/${name}`;

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
    // The edit tells the owners, the guest among them: what was sent by now is marked read.
    await markGuestNotificationsRead(backendUrl, title);
    await browser?.close();
  });

  it('starts as a DRAFT project in the workspace', async () => {
    // Its first result is stored: the edit below is compared with it.
    const details = await createWorkspaceProject(backendUrl, {
      name,
      title,
      description: 'Created by the history journey.',
    });
    expect(details.plan?.metadata.status).toBe('DRAFT');
  });

  it('shows REVIEW in its history timeline after a refresh', async () => {
    setWorkspacePlanStatus(projectDir, 'DRAFT', 'REVIEW');

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
