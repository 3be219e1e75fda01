import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * A plan document of this package: the raw template as a new project gets it, or a clean
 * COMPLETE plan with every section filled in.
 */
export function fixture(name: 'seed-template' | 'complete-plan'): string {
  // This private package is never built: its sources, beside the documents, are what runs.
  // eslint-disable-next-line no-restricted-syntax
  return readFileSync(resolve(__dirname, `${name}.md`), 'utf8');
}
