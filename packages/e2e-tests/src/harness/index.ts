export {
  CHROMIUM_ARGS,
  chromiumExecutable,
  launchBrowser,
  saveScreenshot,
  signInAsGuest,
} from './browser';
export { getAsGuest, guestToken } from './backendApi';
export { e2eOutputDir, repoRoot, screenshotFileName } from './paths';
export { startPortal } from './portal';
export type { Portal } from './portal';
