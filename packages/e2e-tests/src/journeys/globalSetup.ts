import { startPortal } from '../harness';

// Starts the portal once for every journey; globalTeardown stops it.
export default async function globalSetup() {
  const portal = await startPortal();
  (globalThis as any).__DATAPLAN_PORTAL__ = portal;
  process.env.E2E_FRONTEND_URL = portal.frontendUrl;
  process.env.E2E_BACKEND_URL = portal.backendUrl;
}
