import { Entity } from '@backstage/catalog-model';
import type { PlanDetailsResponse } from '@dataplan/plugin-data-plan-common';
import { rmSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import {
  createWorkspaceProject,
  eventually,
  getAsGuest,
  GUEST_GROUP,
  guestNotificationsAbout,
  launchBrowser,
  markGuestNotificationsRead,
  requestAsGuest,
  saveScreenshot,
  setWorkspacePlanStatus,
  signInAsGuest,
  workspaceProjectDir,
} from '../harness';

const frontendUrl = process.env.E2E_FRONTEND_URL!;
const backendUrl = process.env.E2E_BACKEND_URL!;
const suffix = Date.now().toString(36);
const name = `e2e-notify-${suffix}`;
// Unique, so that the notification is told apart from those of earlier runs.
const title = `E2E Notify ${suffix}`;
const projectDir = workspaceProjectDir(name);
const planApi = `/api/data-plan/plans/by-entity/component/default/${name}`;
const planTabPath = `/catalog/default/component/${name}/data-plan`;
const notificationTitle = `${title}: status DRAFT → REVIEW`;

describe('a workspace plan moved from DRAFT to REVIEW tells its owners', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInAsGuest(page, frontendUrl);
  });

  afterAll(async () => {
    rmSync(projectDir, { recursive: true, force: true });
    await markGuestNotificationsRead(backendUrl, title);
    await browser?.close();
  });

  it('starts as a DRAFT project owned by sales-analytics, the guest’s group', async () => {
    // Its first result is stored: the edit below is compared with it.
    const details = await createWorkspaceProject(backendUrl, {
      name,
      title,
      description: 'Created by the plan notification journey.',
    });
    expect(details.plan?.metadata.status).toBe('DRAFT');
    const entity = await getAsGuest<Entity>(
      backendUrl,
      `/api/catalog/entities/by-name/component/default/${name}`,
    );
    expect(entity.spec?.owner).toBe(GUEST_GROUP);
    // A first result tells nothing.
    expect(await guestNotificationsAbout(backendUrl, title)).toEqual([]);
  });

  it('shows "status DRAFT → REVIEW" on the notifications page once PLAN.md says REVIEW', async () => {
    setWorkspacePlanStatus(projectDir, 'DRAFT', 'REVIEW');

    const refreshed = await requestAsGuest<PlanDetailsResponse>(
      backendUrl,
      `${planApi}/refresh`,
      { method: 'POST' },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.plan?.metadata.status).toBe('REVIEW');

    // The refresh sends it after answering; a failed send is retried by a later cycle.
    const [sent] = await eventually(
      'the notification for the guest',
      async () => {
        const found = await guestNotificationsAbout(backendUrl, title);
        return found.length > 0 ? found : undefined;
      },
      120_000,
    );
    expect(sent.payload).toMatchObject({
      title: notificationTitle,
      link: planTabPath,
      topic: 'Dataplan',
    });

    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Notifications', exact: true })
      .click();
    await page.waitForURL(`${frontendUrl}/notifications`);
    // Newest on top among the unread: the table's first page has it.
    const link = page.getByRole('link', {
      name: notificationTitle,
      exact: true,
    });
    await link.waitFor({ timeout: 60_000 });
    expect(await link.getAttribute('href')).toBe(planTabPath);
    expect(await saveScreenshot(page, 'plan notification')).toMatch(
      /plan-notification\.png$/,
    );
  });

  it('opens the project’s "Data plan" tab from the notification’s link, showing REVIEW', async () => {
    await page
      .getByRole('link', { name: notificationTitle, exact: true })
      .click();
    await page.waitForURL(`${frontendUrl}${planTabPath}`);
    const status = page.getByRole('region', { name: 'Plan status' });
    await status.waitFor({ timeout: 60_000 });
    expect(
      await page
        .getByRole('navigation', { name: 'Content navigation' })
        .getByRole('link', { name: 'Data plan', exact: true })
        .getAttribute('aria-current'),
    ).toBe('page');
    const chip = status.locator('[data-status]');
    await chip.waitFor({ timeout: 60_000 });
    expect(await chip.getAttribute('data-status')).toBe('REVIEW');
  });
});
