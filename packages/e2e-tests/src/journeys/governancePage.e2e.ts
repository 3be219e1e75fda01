import type {
  ListPlansResponse,
  PlanRollupResponse,
} from '@dataplan/plugin-data-plan-common';
import { readFile } from 'node:fs/promises';
import { Browser, Page } from 'playwright-core';
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

/**
 * The samples, worst first: a draft whose deploy script does not exist yet (an error of the
 * repository check), then unmitigated high risk and failed validation, then done.
 */
const samples = [
  { name: 'inventory-forecast', title: 'Inventory Forecast' },
  { name: 'sales-orders', title: 'Sales Orders Pipeline' },
  { name: 'customer-360', title: 'Customer 360' },
];
const sampleTitles = samples.map(s => s.title);

describe('the "Data plans" governance page', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The list shows what the backend has stored; reading each sample's plan stores it now
    // instead of at the next refresh cycle.
    for (const { name } of samples) {
      await getAsGuest(
        backendUrl,
        `/api/data-plan/plans/by-entity/component/default/${name}`,
      );
    }
    await eventually('the three samples in the plan list', async () => {
      const list = await getAsGuest<ListPlansResponse>(
        backendUrl,
        '/api/data-plan/plans?limit=100',
      );
      const refs = list.items.map(item => item.entityRef);
      return samples.every(s => refs.includes(`component:default/${s.name}`))
        ? true
        : undefined;
    });
    // The repository check runs after a plan's first read (and on its own schedule): the
    // order worst first and the drift below need every sample's check stored.
    await eventually(
      'the repository check of the three samples',
      async () => {
        const list = await getAsGuest<ListPlansResponse>(
          backendUrl,
          '/api/data-plan/plans?limit=100',
        );
        const drift = (name: string) =>
          list.items.find(i => i.entityRef === `component:default/${name}`)
            ?.repository?.findings;
        return (drift('sales-orders') ?? 0) > 0 &&
          (drift('inventory-forecast') ?? 0) > 0 &&
          drift('customer-360') !== undefined
          ? true
          : undefined;
      },
      180_000,
    );

    browser = await launchBrowser();
    page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
    await signInAsGuest(page, frontendUrl);
    // The repository check may wait for its schedule's first run.
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** The row of a project in the projects table. */
  const rowOf = (title: string) =>
    page
      .getByRole('table', { name: 'Data projects' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: title }) });

  /** The text of a row's cell under a column header. */
  async function cellUnder(title: string, header: string): Promise<string> {
    const headers = (
      await page
        .getByRole('table', { name: 'Data projects' })
        .getByRole('columnheader')
        .allInnerTexts()
    ).map(h => h.trim());
    const index = headers.indexOf(header);
    expect(index).toBeGreaterThan(0);
    // The project's own cell is the row header; the others are cells.
    return (
      await rowOf(title)
        .getByRole('cell')
        .nth(index - 1)
        .innerText()
    ).trim();
  }

  /** Titles in the projects table, top to bottom, once it has loaded. */
  async function projectTitles(): Promise<string[]> {
    const table = page.getByRole('table', { name: 'Data projects' });
    await table.waitFor({ timeout: 60_000 });
    return (await table.getByRole('rowheader').allInnerTexts()).map(t =>
      t.trim(),
    );
  }

  it('opens from the sidebar and lists the three samples, worst first', async () => {
    const navItem = page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Data plans' });
    expect(await navItem.count()).toBe(1);
    await navItem.click();
    await page.waitForURL(`${frontendUrl}/data-plans`);
    await page
      .getByRole('heading', { name: 'Data plans', level: 1 })
      .waitFor({ timeout: 60_000 });

    // Projects that other journeys create (e2e-…) may be listed too; the samples keep
    // their order among themselves.
    const titles = await projectTitles();
    expect(titles.filter(t => sampleTitles.includes(t))).toEqual(sampleTitles);

    const salesOrders = page
      .getByRole('table', { name: 'Data projects' })
      .getByRole('link', { name: 'Sales Orders Pipeline' });
    expect(await salesOrders.getAttribute('href')).toBe(
      '/catalog/default/component/sales-orders/data-plan',
    );
    // Each row says which scope of app-config.yaml's policy its plan was checked against.
    expect(
      await rowOf('Sales Orders Pipeline')
        .getByText(/^Policy /)
        .innerText(),
    ).toBe('Policy production');
    expect(
      await rowOf('Inventory Forecast')
        .getByText(/^Policy /)
        .innerText(),
    ).toBe('Policy default');
  });

  it('summarises statuses and risks across the projects', async () => {
    const byStatus = page.getByRole('table', { name: 'Projects by status' });
    const countOf = async (status: string) =>
      (
        await byStatus
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: status }) })
          .getByRole('cell')
          .first()
          .innerText()
      ).trim();
    expect(await countOf('In progress')).toBe('1');
    expect(await countOf('Complete')).toBe('1');
    expect(Number(await countOf('Draft'))).toBeGreaterThanOrEqual(1);

    const heatMap = page.getByRole('table', {
      name: 'Risks across all matching projects',
    });
    expect(await heatMap.getByRole('rowheader').allInnerTexts()).toEqual([
      'High probability',
      'Medium probability',
      'Low probability',
    ]);
    expect(await heatMap.getByRole('cell').count()).toBe(9);
    const highHigh = await heatMap
      .getByRole('cell', { name: /with High probability and High impact$/ })
      .innerText();
    // sales-orders and inventory-forecast each name one.
    expect(Number(highHigh)).toBeGreaterThanOrEqual(2);
  });

  it('has no serious or critical accessibility violations', async () => {
    await assertNoSeriousViolations(page);
    expect(await saveScreenshot(page, 'data plans page')).toMatch(
      /data-plans-page\.png$/,
    );
  });

  it('shows the trend chart and the rules with findings in the most projects', async () => {
    await page
      .getByRole('img', { name: 'Projects by status' })
      .waitFor({ timeout: 60_000 });
    const top = page.getByRole('table', { name: 'Top findings by rule' });
    await top.waitFor();
    // sales-orders and inventory-forecast each have an unmitigated high-impact risk.
    const unmitigated = top.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: 'unmitigated-risk' }),
    });
    expect(
      Number((await unmitigated.getByRole('cell').last().innerText()).trim()),
    ).toBeGreaterThanOrEqual(2);
  });

  it('narrows the list to the projects where a rule fires when it is clicked', async () => {
    await page
      .getByRole('button', { name: 'Filter by rule unmitigated-risk' })
      .click();
    await page.waitForURL(/[?&]rule=unmitigated-risk(&|$)/);
    const titles = await eventually(
      'the projects without the rule to leave the table',
      async () => {
        const shown = await projectTitles();
        return shown.includes('Customer 360') ? undefined : shown;
      },
    );
    expect(titles.filter(t => sampleTitles.includes(t))).toEqual([
      'Inventory Forecast',
      'Sales Orders Pipeline',
    ]);
    const removeRule = page.getByRole('button', {
      name: 'Rule: unmitigated-risk, remove this filter',
    });
    expect(await removeRule.isVisible()).toBe(true);
    await assertNoSeriousViolations(page);

    // Back to every project for the journeys below.
    await removeRule.click();
    await page.waitForURL(url => !url.searchParams.has('rule'));
    await eventually('every sample back in the table', async () => {
      const shown = await projectTitles();
      return sampleTitles.every(t => shown.includes(t)) ? true : undefined;
    });
  });

  it('shows each project’s drift and coverage, and narrows to the drifted ones', async () => {
    // sales-orders has an orphan SQL file; customer-360's files match its plan.
    expect(
      Number(await cellUnder('Sales Orders Pipeline', 'Drift')),
    ).toBeGreaterThanOrEqual(1);
    expect(await cellUnder('Customer 360', 'Drift')).toBe('0');
    expect(await cellUnder('Sales Orders Pipeline', 'Coverage')).toMatch(
      /Unit tests \d+%/,
    );
    expect(
      Number(
        (await page.getByTestId('facets-drifted').innerText()).replace(
          /\D/g,
          '',
        ),
      ),
    ).toBeGreaterThanOrEqual(2);

    await page.getByRole('checkbox', { name: 'Drifted from plan' }).check();
    await page.waitForURL(/[?&]drifted=true(&|$)/);
    const titles = await eventually(
      'the project without drift to leave the table',
      async () => {
        const shown = await projectTitles();
        return shown.includes('Customer 360') ? undefined : shown;
      },
    );
    expect(titles.filter(t => sampleTitles.includes(t))).toEqual([
      'Inventory Forecast',
      'Sales Orders Pipeline',
    ]);
    const removeDrift = page.getByRole('button', {
      name: 'Drifted from plan, remove this filter',
    });
    expect(await removeDrift.isVisible()).toBe(true);
    await assertNoSeriousViolations(page);

    await removeDrift.click();
    await page.waitForURL(url => !url.searchParams.has('drifted'));
    await eventually('every sample back in the table', async () => {
      const shown = await projectTitles();
      return sampleTitles.every(t => shown.includes(t)) ? true : undefined;
    });
  });

  it('exports the matching projects as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('data-plans.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    // Every field is quoted.
    expect(lines[0]).toMatch(/^"entity_ref","title","owner","status",/);
    for (const { name, title } of samples) {
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^"component:default/${name}","${title}",`),
        ),
      );
    }
    // The drift and coverage columns, from the same summary fields as the table.
    const header = csvFields(lines[0]);
    expect(header).toEqual(
      expect.arrayContaining([
        'drift',
        'unit_test_coverage',
        'deploy_coverage',
        'rollback_coverage',
      ]),
    );
    const salesOrders = csvFields(
      lines.find(l => l.startsWith('"component:default/sales-orders"'))!,
    );
    expect(Number(salesOrders[header.indexOf('drift')])).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('narrows to sales-orders with the status filter "In progress"', async () => {
    await page.getByRole('textbox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'In progress' }).click();
    await page.keyboard.press('Escape');

    await page.waitForURL(/[?&]status=IN_PROGRESS(&|$)/);
    const titles = await eventually(
      'only sales-orders in the table',
      async () => {
        const shown = await projectTitles();
        return shown.length === 1 ? shown : undefined;
      },
    );
    expect(titles).toEqual(['Sales Orders Pipeline']);

    await eventually('the summary to follow the filter', async () => {
      const total = await page.getByTestId('facets-total-count').innerText();
      return total.trim() === '1' ? true : undefined;
    });
    const heatMap = page.getByRole('table', {
      name: 'Risks across all matching projects',
    });
    expect(
      await heatMap
        .getByRole('cell', {
          name: '1 risk with High probability and High impact',
        })
        .innerText(),
    ).toBe('1');
    expect(
      await page.getByRole('button', { name: 'Clear filters' }).isEnabled(),
    ).toBe(true);

    await assertNoSeriousViolations(page);
  });
  it('rolls the projects up by the parent group of the teams and by system, and filters by one', async () => {
    // Owner groups are stored by a refresh cycle, which runs when the portal starts.
    await eventually('the sample teams under data-engineering', async () => {
      const rollup = await getAsGuest<PlanRollupResponse>(
        backendUrl,
        '/api/data-plan/plans/rollup?by=group',
      );
      const parent = rollup.rows.find(
        r => r.ref === 'group:default/data-engineering',
      );
      return parent && parent.count >= samples.length ? true : undefined;
    });
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    const tabs = page.getByRole('tablist', { name: 'Roll up by' });

    await tabs.getByRole('tab', { name: 'Group' }).click();
    await page
      .getByRole('button', { name: 'Filter by group data-engineering' })
      .click();
    await page.waitForURL(/[?&]group=group%3Adefault%2Fdata-engineering(&|$)/);
    await eventually('every sample under the parent group', async () => {
      const shown = await projectTitles();
      return sampleTitles.every(t => shown.includes(t)) ? true : undefined;
    });

    await tabs.getByRole('tab', { name: 'System' }).click();
    await page
      .getByRole('button', { name: 'Filter by system supply-chain' })
      .click();
    await page.waitForURL(/[?&]system=system%3Adefault%2Fsupply-chain(&|$)/);
    const titles = await eventually('only inventory-forecast', async () => {
      const shown = await projectTitles();
      return shown.length === 1 ? shown : undefined;
    });
    expect(titles).toEqual(['Inventory Forecast']);
    await assertNoSeriousViolations(page);
  });
});

/** The fields of one CSV line, unquoted; a line break inside a field is not expected here. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}
