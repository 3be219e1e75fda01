import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export { fixture } from '@internal/plan-fixtures';

/** The repository's sample plans. */
export function samplePlan(
  name: 'sales-orders' | 'customer-360' | 'inventory-forecast',
): string {
  return readFileSync(
    resolve(
      __dirname,
      '../../../../../examples/data-projects',
      name,
      'PLAN.md',
    ),
    'utf8',
  );
}

/** Replaces one exact piece of a fixture, failing loudly when it is not there. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from))
    throw new Error(`fixture does not contain: ${from}`);
  return text.replace(from, to);
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex(line => line.includes(needle));
  if (index < 0) throw new Error(`fixture has no line with: ${needle}`);
  return index + 1;
}
