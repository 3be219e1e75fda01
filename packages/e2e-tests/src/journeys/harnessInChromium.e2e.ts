import { readFile } from 'node:fs/promises';
import { Browser, Page } from 'playwright-core';
import {
  assertNoSeriousViolations,
  launchBrowser,
  runAxe,
  saveScreenshot,
} from '../harness';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer) {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

// The harness's own checks, in the real browser: a journey that passes must be able to fail.
describe('the journey harness in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reports serious accessibility violations with their rule and element', async () => {
    await page.setContent(
      `<!doctype html><html lang="en"><head><title>Broken</title></head>
       <body><main><h1>Broken</h1><button id="nameless"></button></main></body></html>`,
    );
    await expect(assertNoSeriousViolations(page)).rejects.toThrow(
      /button-name \(critical\): .*\n {2}- #nameless/,
    );
    // Leaving the offending element out of the scope passes.
    await expect(
      assertNoSeriousViolations(page, { exclude: ['#nameless'] }),
    ).resolves.toEqual([]);
  });

  it('passes a page without violations and still returns milder ones', async () => {
    await page.setContent(
      `<!doctype html><html lang="en"><head><title>Fine</title></head>
       <body><main><h1>Fine</h1><button>Save</button></main>
       <p>Outside every landmark.</p></body></html>`,
    );
    const violations = await assertNoSeriousViolations(page);
    expect(violations.map(v => [v.id, v.impact])).toEqual([
      ['region', 'moderate'],
    ]);
    // A second run reuses the injected axe-core.
    expect(await runAxe(page, { include: ['main'] })).toEqual([]);
  });

  it('captures content that scrolls inside an element, then restores the viewport', async () => {
    await page.setContent(
      `<!doctype html><html><body style="margin:0;height:100vh;overflow:hidden">
       <main style="height:100vh;overflow-y:auto">
         <div style="height:2500px;background:linear-gradient(#fff,#000)"></div>
       </main></body></html>`,
    );
    const path = await saveScreenshot(page, 'harness inner scroll');
    expect(pngSize(await readFile(path))).toEqual({ width: 800, height: 2500 });
    expect(page.viewportSize()).toEqual({ width: 800, height: 600 });
  });
});
