import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';
import {
  assertNoSeriousViolations,
  eventually,
  launchBrowser,
  repoRoot,
  requestAsGuest,
  saveScreenshot,
  signInAsGuest,
} from '../harness';

const frontendUrl = process.env.E2E_FRONTEND_URL!;
const backendUrl = process.env.E2E_BACKEND_URL!;
const name = `e2e-form-${Date.now().toString(36)}`;
const title = 'E2E Form Orders';
const projectDir = join(repoRoot, '.dataplan/workspace', name);
const risk = 'Supplier files arrive after the nightly load';
const reviewer = 'Erin Example';

interface Task {
  id: string;
  status: 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';
}

/** Opens a select (MUI renders it as a button named after its label) and picks `option`. */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

/** The form's array field titled `heading`, e.g. "Risks". */
function arrayField(page: Page, heading: string): Locator {
  return page.locator('.field-array').filter({
    has: page.getByRole('heading', { name: heading, exact: true }),
  });
}

describe('creating a data project through the template form', () => {
  let browser: Browser;
  let page: Page;
  let taskId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInAsGuest(page, frontendUrl);
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(projectDir, { recursive: true, force: true });
  });

  it('fills every page of the data-project template and reviews it', async () => {
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Create' })
      .click();
    const templateCard = page.getByRole('article').filter({
      has: page.getByRole('heading', {
        name: 'Layered Snowflake data project',
      }),
    });
    await templateCard
      .getByRole('button', { name: 'Choose' })
      .click({ timeout: 60_000 });
    await page
      .getByRole('heading', {
        name: 'Layered Snowflake data project',
        level: 2,
      })
      .waitFor();
    const next = page.getByRole('button', { name: 'Next', exact: true });

    // Project
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('textbox', { name: 'Title' }).fill(title);
    await page
      .getByRole('textbox', { name: 'Description' })
      .fill('Created through the template form by the end-to-end journey.');
    await page.getByRole('textbox', { name: 'Owner' }).click();
    await page
      .getByRole('option', { name: 'Sales Analytics', exact: true })
      .click();
    expect(
      await page.getByRole('textbox', { name: 'Owner' }).inputValue(),
    ).toBe('group:default/sales-analytics');
    await next.click();

    // Snowflake
    const database = page.getByRole('textbox', { name: 'Database' });
    expect(await database.inputValue()).toBe('ANALYTICS_DB');
    await database.fill('E2E_FORM_DB');
    await choose(
      page,
      page.getByRole('button', { name: /^Warehouse size/ }),
      'SMALL',
    );
    expect(
      await page.getByRole('checkbox', { name: 'staging' }).isChecked(),
    ).toBe(false);
    await next.click();

    // Objects: the three defaults plus one more raw table.
    const objects = arrayField(page, 'Snowflake objects');
    await objects.getByRole('button', { name: 'Add Item' }).click();
    await page.locator('#root_objects_3_name').fill('CUSTOMERS_RAW');
    await choose(page, page.locator('#root_objects_3_layer'), 'raw');
    await choose(page, page.locator('#root_objects_3_kind'), 'table');
    await page
      .locator('#root_objects_3_definition')
      .fill('Customers as delivered by the CRM export.');
    await next.click();

    // Risks, validation and review
    await arrayField(page, 'Risks')
      .getByRole('button', { name: 'Add Item' })
      .click();
    await page.getByRole('textbox', { name: 'Risk', exact: true }).fill(risk);
    await choose(
      page,
      page.getByRole('button', { name: 'Probability', exact: true }),
      'high',
    );
    await choose(
      page,
      page.getByRole('button', { name: 'Impact', exact: true }),
      'medium',
    );
    await page
      .getByRole('textbox', { name: 'Mitigation' })
      .fill('Re-run the load when late files land');
    await arrayField(page, 'Reviewers')
      .getByRole('button', { name: 'Add Item' })
      .click();
    await page.locator('#root_reviewers_0_name').fill(reviewer);
    await page.locator('#root_reviewers_0_role').fill('Data Engineer');
    await next.click();

    // Destination: the local workspace is the default.
    expect(
      await page
        .getByRole('button', { name: /^Where to create the repository/ })
        .innerText(),
    ).toBe('Local workspace (no token needed)');
    await page.getByRole('button', { name: 'Review', exact: true }).click();

    // Review
    const review = page.getByRole('table');
    const valueOf = async (label: string) =>
      (
        await review
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name: label, exact: true }) })
          .getByRole('cell')
          .nth(1)
          .innerText()
      )
        .replace(/\s+/g, ' ')
        .trim();
    await review.waitFor();
    expect(await valueOf('Name')).toBe(name);
    expect(await valueOf('Owner')).toBe('group:default/sales-analytics');
    expect(await valueOf('Database')).toBe('E2E_FORM_DB');
    expect(await valueOf('Warehouse size')).toBe('SMALL');
    expect(await valueOf('Snowflake objects')).toContain('name: CUSTOMERS_RAW');
    expect(await valueOf('Risks')).toBe(
      `risk: ${risk} probability: high impact: medium mitigation: Re-run the load when late files land`,
    );
    expect(await valueOf('Reviewers')).toBe(
      `name: ${reviewer} role: Data Engineer`,
    );
    expect(await valueOf('Where to create the repository')).toBe(
      'Local workspace (no token needed)',
    );
    await saveScreenshot(page, 'create form review');
  });

  it('creates the project and the task finishes', async () => {
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/create\/tasks\/[^/]+$/, { timeout: 30_000 });
    taskId = page.url().split('/').pop()!;

    const task = await eventually(
      'the scaffolder task to finish',
      async () => {
        const { body } = await requestAsGuest<Task>(
          backendUrl,
          `/api/scaffolder/v2/tasks/${taskId}`,
        );
        return ['completed', 'failed', 'cancelled'].includes(body.status)
          ? body
          : undefined;
      },
      120_000,
    );
    expect(task.status).toBe('completed');
    // The task page offers the template's output links once it is done.
    await page
      .getByRole('link', { name: 'Open in catalog' })
      .waitFor({ timeout: 30_000 });
  });

  it("opens the new project's plan tab: a draft with the risk from the form", async () => {
    // The workspace catalog module scans every 5 s; the link works once it has.
    await eventually('the new project in the catalog', async () => {
      const { status } = await requestAsGuest(
        backendUrl,
        `/api/catalog/entities/by-name/component/default/${name}`,
      );
      return status === 200 ? true : undefined;
    });
    await page.getByRole('link', { name: 'Open in catalog' }).click();
    await page.waitForURL(`${frontendUrl}/catalog/default/component/${name}`);
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Data plan', exact: true })
      .click({ timeout: 60_000 });
    await page.waitForURL(
      `${frontendUrl}/catalog/default/component/${name}/data-plan`,
    );

    const status = page.getByRole('region', { name: 'Plan status' });
    await status.waitFor({ timeout: 60_000 });
    const chip = status.locator('[data-status]');
    expect(await chip.innerText()).toBe('Draft');
    expect(await chip.getAttribute('data-status')).toBe('DRAFT');

    const riskRows = page
      .getByRole('region', { name: 'Risks' })
      .getByRole('table', { name: 'Risks by score' })
      .getByRole('row');
    expect(await riskRows.count()).toBe(2);
    expect(await riskRows.nth(1).getByRole('rowheader').innerText()).toBe(risk);
    expect(
      (await riskRows.nth(1).getByRole('cell').allInnerTexts()).map(t =>
        t.trim(),
      ),
    ).toEqual(['High', 'Medium', '6', 'Re-run the load when late files land']);

    const deployOrder = await page
      .getByRole('region', { name: 'Deploy order' })
      .innerText();
    expect(deployOrder).toContain('E2E_FORM_DB.RAW.CUSTOMERS_RAW');
    expect(deployOrder).toContain('E2E_FORM_DB.CONSUMPTION.DAILY_SALES');
    expect(
      await page.getByRole('region', { name: 'Approvals' }).innerText(),
    ).toContain(reviewer);

    await assertNoSeriousViolations(page);
    await saveScreenshot(page, 'create form plan tab');
  });
});
