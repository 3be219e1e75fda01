import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { e2eOutputDir, screenshotFileName } from './paths';

/** Flags that let Debian's Chromium run headless as root on a machine without network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The Chromium to drive: E2E_CHROMIUM if set, else Debian's /usr/bin/chromium. The suite
 * never downloads a browser.
 */
export function chromiumExecutable(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string {
  const candidates = env.E2E_CHROMIUM
    ? [env.E2E_CHROMIUM]
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find(path => exists(path));
  if (!found) {
    throw new Error(
      `No Chromium at ${candidates.join(
        ' or ',
      )}: install Debian's chromium package (apt-get install chromium) or set E2E_CHROMIUM`,
    );
  }
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  });
}

/** Opens the portal and enters as the guest user, as a person would on the sign-in page. */
export async function signInAsGuest(page: Page, frontendUrl: string) {
  await page.goto(frontendUrl);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  await enter.waitFor({ state: 'detached', timeout: 60_000 });
  await page
    .getByRole('link', { name: 'Catalog', exact: true })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
}

/**
 * The height the page needs to show everything: the document's, or that of an element
 * that scrolls on its own (Backstage's `<main>` does on pages with a themed header) down to
 * its last line.
 */
export async function contentHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    let height = document.documentElement.scrollHeight;
    for (const element of Array.from(document.querySelectorAll('*'))) {
      const { overflowY } = getComputedStyle(element);
      if (
        (overflowY === 'auto' || overflowY === 'scroll') &&
        element.scrollHeight > element.clientHeight
      ) {
        const hidden = element.scrollHeight - element.clientHeight;
        height = Math.max(
          height,
          document.documentElement.clientHeight + hidden,
        );
      }
    }
    return Math.ceil(height);
  });
}

/**
 * Saves a full-page screenshot under the e2e output folder and returns its path. Pages
 * whose content scrolls inside an element are captured whole too: the viewport grows to
 * the content's height for the shot and is restored afterwards.
 */
export async function saveScreenshot(page: Page, name: string) {
  const dir = join(e2eOutputDir(), 'screenshots');
  await mkdir(dir, { recursive: true });
  const path = join(dir, screenshotFileName(name));
  const viewport = page.viewportSize();
  const height = await contentHeight(page);
  const grow = viewport !== null && height > viewport.height;
  if (grow) await page.setViewportSize({ width: viewport.width, height });
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    if (grow) await page.setViewportSize(viewport);
  }
  return path;
}
