export {
  assertNoSeriousViolations,
  formatViolations,
  IMPACTS,
  runAxe,
  violationsAtLeast,
} from './accessibility';
export type { AccessibilityViolation, AxeScope, Impact } from './accessibility';
export {
  CHROMIUM_ARGS,
  chromiumExecutable,
  launchBrowser,
  saveScreenshot,
  signInAsGuest,
} from './browser';
export {
  eventually,
  getAsGuest,
  guestToken,
  requestAsGuest,
} from './backendApi';
export {
  guestNotificationsAbout,
  markGuestNotificationsRead,
} from './notifications';
export type { GuestNotification } from './notifications';
export { e2eOutputDir, repoRoot, screenshotFileName } from './paths';
export { runDataProjectTemplate } from './runTemplate';
export { startPortal } from './portal';
export {
  createWorkspaceProject,
  GUEST_GROUP,
  setWorkspacePlanStatus,
  workspaceProjectDir,
} from './workspaceProject';
export type { Portal } from './portal';
