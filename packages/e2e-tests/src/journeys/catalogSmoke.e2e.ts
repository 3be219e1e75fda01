import { Entity } from '@backstage/catalog-model';
import { Browser } from 'playwright-core';
import {
  getAsGuest,
  launchBrowser,
  saveScreenshot,
  signInAsGuest,
} from '../harness';

const frontendUrl = process.env.E2E_FRONTEND_URL!;
const backendUrl = process.env.E2E_BACKEND_URL!;

const samples = [
  { name: 'customer-360', title: 'Customer 360' },
  { name: 'inventory-forecast', title: 'Inventory Forecast' },
  { name: 'sales-orders', title: 'Sales Orders Pipeline' },
];

describe('local portal smoke', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('serves the three sample data projects from the catalog API', async () => {
    const entities = await getAsGuest<Entity[]>(
      backendUrl,
      '/api/catalog/entities?filter=spec.type=data-project',
    );
    // Projects that other journeys create are named e2e-…; everything else is a sample.
    expect(
      entities
        .map(e => e.metadata.name)
        .filter(name => !name.startsWith('e2e-'))
        .sort(),
    ).toEqual(samples.map(s => s.name));
  });

  it('lists the sample data projects on the catalog page in Chromium', async () => {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
    });
    await signInAsGuest(page, frontendUrl);
    await page.goto(
      `${frontendUrl}/catalog?filters[kind]=component&filters[user]=all`,
    );

    for (const sample of samples) {
      const link = page.locator(
        `a[href$="/catalog/default/component/${sample.name}"]`,
      );
      await link.first().waitFor({ state: 'visible', timeout: 60_000 });
      expect(await link.first().innerText()).toContain(sample.title);
    }

    const screenshot = await saveScreenshot(page, 'catalog data projects');
    expect(screenshot).toMatch(/catalog-data-projects\.png$/);
  });
});
