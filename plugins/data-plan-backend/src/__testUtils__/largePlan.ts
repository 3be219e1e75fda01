import { fixture } from '@internal/plan-fixtures';

/** The complete test plan, repeated to at most `bytes` (1 MiB by default). */
export function largePlan(bytes = 1024 * 1024): string {
  const plan = fixture('complete-plan');
  return plan.repeat(Math.floor(bytes / Buffer.byteLength(plan)));
}
