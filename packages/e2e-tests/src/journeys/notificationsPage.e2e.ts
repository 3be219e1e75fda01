import { Browser, Page } from 'playwright-core';
import {
  assertNoSeriousViolations,
  eventually,
  launchBrowser,
  runAxe,
  saveScreenshot,
  signInAsGuest,
  violationsAtLeast,
} from '../harness';

const frontendUrl = process.env.E2E_FRONTEND_URL!;
/**
 * The notifications table's column headers: its table component wraps each one in a
 * draggable `role="button"`. A header without a title is then a button without a name
 * (aria-command-name); one with the select-all checkbox or the bulk actions, which it
 * shows once there are notifications, nests controls in a button (nested-interactive).
 */
const columnDragHandles = '[data-rbd-draggable-id]';
const dragHandleRules = ['aria-command-name', 'nested-interactive'];

describe('the notifications page', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInAsGuest(page, frontendUrl);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens from the "Notifications" entry in the sidebar', async () => {
    const navItem = page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Notifications', exact: true });
    expect(await navItem.count()).toBe(1);
    expect(await navItem.getAttribute('href')).toBe('/notifications');
    await navItem.click();

    await page.waitForURL(`${frontendUrl}/notifications`);
    await page
      .getByRole('heading', { name: 'Notifications', level: 1 })
      .waitFor({ timeout: 60_000 });
    // The table opens on the unread ones; how many depends on what other journeys sent.
    await page
      .getByRole('heading', {
        name: /^Unread notifications \(\d+\)$/,
        level: 2,
      })
      .waitFor({ timeout: 60_000 });
    // Loaded: either the empty table's message or a notification's row.
    await page
      .getByRole('row', { name: 'No records to display' })
      .or(page.getByRole('checkbox', { name: 'Select notification' }))
      .first()
      .waitFor({ timeout: 60_000 });
    await eventually('the table to finish loading', async () =>
      (await page.getByRole('progressbar').count()) === 0 ? true : undefined,
    );
    expect(
      await page.getByRole('textbox', { name: 'Search' }).isVisible(),
    ).toBe(true);
  });

  it('has no serious or critical accessibility violations but the table’s column drag handles', async () => {
    // Throws, listing rule, impact and elements, on any serious or critical one on the page
    // (sidebar, header, filters, search, table body) apart from the column headers.
    await assertNoSeriousViolations(page, { exclude: [columnDragHandles] });
    // The headers' wrappers are the plugin's table markup; nothing else serious or critical
    // is allowed inside them.
    const inHeaders = violationsAtLeast(
      await runAxe(page, { include: [columnDragHandles] }),
      'serious',
    );
    expect(
      inHeaders.map(v => v.id).filter(id => !dragHandleRules.includes(id)),
    ).toEqual([]);
  });

  it('saves a full-page screenshot', async () => {
    expect(await saveScreenshot(page, 'notifications page')).toMatch(
      /notifications-page\.png$/,
    );
  });
});
