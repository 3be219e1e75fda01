import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/** The folder `targetPath` names inside the workspace; an InputError when it would leave it. */
export function resolveTarget(
  workspacePath: string,
  targetPath?: string,
): string {
  if (!targetPath) return workspacePath;
  try {
    return resolveSafeChildPath(workspacePath, targetPath);
  } catch {
    throw new InputError(
      `targetPath: '${targetPath}' points outside the workspace; use a relative path without '..'`,
    );
  }
}
