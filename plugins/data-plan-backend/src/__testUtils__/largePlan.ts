import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The complete test plan of data-plan-common, repeated to at most `bytes` (1 MiB by default). */
export function largePlan(bytes = 1024 * 1024): string {
  const plan = readFileSync(
    resolve(
      __dirname,
      '../../../data-plan-common/src/plan/__testUtils__/complete-plan.md',
    ),
    'utf8',
  );
  return plan.repeat(Math.floor(bytes / Buffer.byteLength(plan)));
}
