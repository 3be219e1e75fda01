import type { PlanDetailsResponse } from '@dataplan/plugin-data-plan-common';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import {
  assertNoSeriousViolations,
  launchBrowser,
  repoRoot,
  requestAsGuest,
  saveScreenshot,
  signInAsGuest,
} from '../harness';

const frontendUrl = process.env.E2E_FRONTEND_URL!;
const backendUrl = process.env.E2E_BACKEND_URL!;
const entityPath = '/catalog/default/component/sales-orders';
const projectDir = join(repoRoot, 'examples/data-projects/sales-orders');
const waiversDir = join(projectDir, '.dataplan');
const reason = 'The POS vendor fixes the late feed in the next release';
const approver = 'group:default/sales-analytics';
// Within the production policy's 30 days (maxWaiverDays), from today.
const expires = new Date(Date.now() + 20 * 86_400_000)
  .toISOString()
  .slice(0, 10);

function refresh() {
  return requestAsGuest<PlanDetailsResponse>(
    backendUrl,
    '/api/data-plan/plans/by-entity/component/default/sales-orders/refresh',
    { method: 'POST' },
  );
}

describe('a waiver file added to the sample project sales-orders', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(waiversDir, { recursive: true });
    // The sample's unmitigated high risk, waived by its text.
    writeFileSync(
      join(waiversDir, 'waivers.yaml'),
      [
        'waivers:',
        '  - rule: unmitigated-risk',
        "    match: { risk: 'Late-arriving POS orders' }",
        `    reason: ${reason}`,
        `    approvedBy: ${approver}`,
        `    expires: '${expires}'`,
        '',
      ].join('\n'),
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInAsGuest(page, frontendUrl);
  });

  afterAll(async () => {
    rmSync(waiversDir, { recursive: true, force: true });
    await refresh();
    await browser?.close();
  });

  it('is read on a refresh: the finding is waived by it', async () => {
    const { status, body } = await refresh();
    expect(status).toBe(200);
    expect(
      body.diagnostics.find(d => d.rule === 'unmitigated-risk')?.waiver,
    ).toEqual({ reason, approvedBy: approver, expires });
    expect(body.waivers?.waivers).toEqual([
      expect.objectContaining({ reason, approvedBy: approver, expires }),
    ]);
  });

  it('shows the finding as waived on the tab, with reason, approver and expiry', async () => {
    await page.goto(`${frontendUrl}${entityPath}/data-plan`);
    const diagnostics = page.getByRole('region', {
      name: 'Diagnostics and findings',
    });
    const waived = diagnostics.getByRole('table', { name: 'Waived findings' });
    await waived.waitFor({ timeout: 60_000 });
    const row = waived.getByRole('row').filter({ hasText: 'unmitigated-risk' });
    const text = await row.innerText();
    expect(text).toContain('Late-arriving POS orders');
    expect(text).toContain(reason);
    expect(
      await row
        .getByRole('link', { name: 'Sales Analytics' })
        .getAttribute('href'),
    ).toBe('/catalog/default/group/sales-analytics');
    expect(text).toContain(expires);

    const waivers = page.getByRole('region', {
      name: 'Waivers',
      exact: true,
    });
    const active = waivers.getByRole('table', { name: 'Active waivers' });
    const listed = await active.getByRole('row').nth(1).innerText();
    expect(listed).toContain('risk “Late-arriving POS orders”');
    expect(listed).toContain(reason);
    expect(listed).toContain(expires);
    expect(await waivers.innerText()).toContain(
      '“Approved by” is what the waiver file claims',
    );
  });

  it('has no serious or critical accessibility violations', async () => {
    await assertNoSeriousViolations(page);
    expect(await saveScreenshot(page, 'plan tab waivers')).toMatch(
      /plan-tab-waivers\.png$/,
    );
  });
});
