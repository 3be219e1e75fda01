import { PlanDetailsResponse } from '@dataplan/plugin-data-plan-common';
import { Browser, Locator, Page } from 'playwright-core';
import {
  assertNoSeriousViolations,
  eventually,
  getAsGuest,
  launchBrowser,
  saveScreenshot,
  signInAsGuest,
} from '../harness';

const frontendUrl = process.env.E2E_FRONTEND_URL!;
const backendUrl = process.env.E2E_BACKEND_URL!;
const entityPath = '/catalog/default/component/sales-orders';
const orphanFile = 'src/consumption/views/weekly_sales.sql';

/** The text of a locator once it holds `expected`, or the last text seen in the error. */
async function textOf(locator: Locator, expected: RegExp): Promise<string> {
  let last = '';
  try {
    return await eventually(
      `text matching ${expected}`,
      async () => {
        last = (await locator.innerText()).trim();
        return expected.test(last) ? last : undefined;
      },
      30_000,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last text: '${last}'`);
  }
}

describe('the plan tab of the sample data project sales-orders', () => {
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

  it('opens from the entity page as the selected "Data plan" tab', async () => {
    await page.goto(`${frontendUrl}${entityPath}`);
    const tabs = page.getByRole('navigation', { name: 'Content navigation' });
    const planTab = tabs.getByRole('link', { name: 'Data plan', exact: true });
    await planTab.click();

    await page.waitForURL(`${frontendUrl}${entityPath}/data-plan`);
    await page
      .getByRole('heading', { name: 'Plan status', level: 2 })
      .waitFor({ timeout: 60_000 });
    expect(await planTab.getAttribute('aria-current')).toBe('page');
    expect(
      await tabs
        .getByRole('link', { name: 'Overview', exact: true })
        .getAttribute('aria-current'),
    ).toBeNull();
  });

  it('shows the status, every section, the risks and the failed criterion', async () => {
    const status = page.getByRole('region', { name: 'Plan status' });
    const chip = status.locator('[data-status]');
    expect(await textOf(chip, /^In progress$/)).toBe('In progress');
    expect(await chip.getAttribute('data-status')).toBe('IN_PROGRESS');
    // The policy scope app-config.yaml gives production projects.
    expect(
      await status
        .locator('dt', { hasText: /^Policy$/ })
        .locator('xpath=following-sibling::dd[1]')
        .innerText(),
    ).toBe('production');
    expect(
      await status
        .getByRole('list', { name: 'Plan lifecycle' })
        .getByRole('listitem')
        .filter({ hasText: 'Current step' })
        .innerText(),
    ).toMatch(/\bIn progress\s+Current step$/);

    const headings = await page
      .getByRole('heading', { level: 2 })
      .allInnerTexts();
    expect(headings).toEqual(
      expect.arrayContaining([
        'Plan status',
        'Phases and objects',
        'Risks',
        'Validation results',
        'Approvals',
        'Deploy order',
        'Rollback',
        'Repository',
        'Diagnostics and findings',
      ]),
    );

    const risks = page.getByRole('region', { name: 'Risks' });
    expect(await risks.getByRole('paragraph').first().innerText()).toBe(
      '4 risks, 2 high, 1 unmitigated high-impact.',
    );
    const matrix = risks.getByRole('table', {
      name: 'Risks by probability and impact',
    });
    expect(
      await matrix
        .getByRole('cell', {
          name: '1 risk with High probability and High impact',
        })
        .innerText(),
    ).toBe('1');
    expect(
      await matrix
        .getByRole('cell', {
          name: '0 risks with Low probability and Low impact',
        })
        .innerText(),
    ).toBe('0');
    const riskRows = risks
      .getByRole('table', { name: 'Risks by score' })
      .getByRole('row');
    // Header row, then the four risks highest score first.
    expect(await riskRows.count()).toBe(5);
    expect(await riskRows.nth(1).getByRole('rowheader').innerText()).toBe(
      'Late-arriving POS orders',
    );
    expect(
      (await riskRows.nth(1).getByRole('cell').allInnerTexts()).map(t =>
        t.trim(),
      ),
    ).toEqual(['High', 'High', '9', 'Unmitigated']);

    const technical = page
      .getByRole('region', { name: 'Validation results' })
      .getByRole('table', { name: 'Technical validation' });
    const testPassRate = technical
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Test Pass Rate' }) });
    expect(
      (await testPassRate.getByRole('cell').allInnerTexts()).map(t => t.trim()),
    ).toEqual(['Percentage of passing tests', '100%', '92%', 'Fail']);
    expect(
      await testPassRate.locator('[data-result]').getAttribute('data-result'),
    ).toBe('fail');
  });

  it('shows the last repository check, with the SQL file no step names as drift', async () => {
    // The backend checks the files after the plan's first read and on its schedule.
    await eventually(
      'the repository check of sales-orders',
      async () => {
        const details = await getAsGuest<PlanDetailsResponse>(
          backendUrl,
          '/api/data-plan/plans/by-entity/component/default/sales-orders',
        );
        return details.repository;
      },
      150_000,
    );
    await page.reload();
    const section = page.getByRole('region', { name: 'Repository' });
    const findings = section.getByRole('table', {
      name: 'Repository findings',
    });
    await findings.waitFor({ timeout: 60_000 });
    const orphanRow = findings.getByRole('row').filter({
      hasText: `${orphanFile} is not named by any step of the plan`,
    });
    expect(
      (await orphanRow.getByRole('cell').allInnerTexts()).map(t => t.trim()),
    ).toEqual(expect.arrayContaining(['Warning', 'orphan-sql-file']));
    expect(
      await section.getByRole('list', { name: 'Orphan SQL files' }).innerText(),
    ).toBe(orphanFile);

    const objects = section.getByRole('table', { name: 'Repository objects' });
    const ordersRaw = objects.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: 'SALES_DB.RAW.ORDERS_RAW' }),
    });
    expect(await ordersRaw.innerText()).toMatch(
      /src\/raw\/tables\/orders_raw\.sql\s+Present/,
    );
    expect(
      await section
        .locator('dt', { hasText: /^Planned files present$/ })
        .locator('xpath=following-sibling::dd[1]')
        .innerText(),
    ).toMatch(/^\d+ of \d+$/);
  });

  it('has no serious or critical accessibility violations', async () => {
    // Throws, listing rule, impact and elements, on any serious or critical one.
    const milder = await assertNoSeriousViolations(page);
    expect(milder.map(v => v.impact)).not.toContainEqual(
      expect.stringMatching(/serious|critical/),
    );
  });

  it('saves a full-page screenshot', async () => {
    expect(await saveScreenshot(page, 'plan tab')).toMatch(/plan-tab\.png$/);
  });

  it('shows the "Data plan" card on the overview, linking back to the tab', async () => {
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Overview', exact: true })
      .click();
    await page.waitForURL(`${frontendUrl}${entityPath}`);

    const heading = page.getByRole('heading', { name: 'Data plan', level: 2 });
    await heading.waitFor({ timeout: 60_000 });
    const card = heading.locator(
      'xpath=ancestor::*[contains(@class, "MuiCard-root")][1]',
    );
    expect(await textOf(card.locator('[data-status]'), /^In progress$/)).toBe(
      'In progress',
    );
    expect(
      await card.getByRole('list', { name: 'Top risks' }).innerText(),
    ).toMatch(/^Late-arriving POS orders\s+Unmitigated/);
    expect(
      (
        await card
          .getByRole('list', { name: 'Criteria by result' })
          .getByRole('listitem')
          .allInnerTexts()
      ).map(t => t.trim()),
    ).toEqual(['3 pass', '2 fail', '2 pending']);
    expect(
      await card.getByRole('link', { name: 'View plan' }).getAttribute('href'),
    ).toBe(`${entityPath}/data-plan`);
    // The orphan SQL file is the sample's one drift.
    expect(
      await card
        .getByRole('link', { name: 'Drift: 1 finding' })
        .getAttribute('href'),
    ).toBe(`${entityPath}/data-plan#repository`);

    await assertNoSeriousViolations(page);
    expect(await saveScreenshot(page, 'plan card')).toMatch(/plan-card\.png$/);
  });
});
