import { resolve } from 'node:path';

/** Root of the repository. */
// This package is never built: it always runs from its sources, so __dirname is stable.
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = resolve(__dirname, '../../../..');

/** Where journeys leave screenshots and logs: `<repo>/e2e-output` unless E2E_OUTPUT_DIR is set. */
export function e2eOutputDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(repoRoot, env.E2E_OUTPUT_DIR || 'e2e-output');
}

/** File name for a screenshot: lower-case words joined by dashes, `.png`. */
export function screenshotFileName(name: string): string {
  const slug = name
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) {
    throw new Error(`screenshot name '${name}' has no letters or digits`);
  }
  return `${slug}.png`;
}
