import type { Portal } from '../harness';

export default async function globalTeardown() {
  const portal: Portal | undefined = (globalThis as any).__DATAPLAN_PORTAL__;
  await portal?.stop();
}
