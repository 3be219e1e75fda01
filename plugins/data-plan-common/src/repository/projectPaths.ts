/*
 * Paths inside a project, checked and resolved lexically, without a file system: a path
 * from a listing, a plan or a script is used only once it is a plain POSIX path that stays
 * in the project. Each check is one scan of the path.
 */

/**
 * The longest project path the repository checks use; a longer one is reported, never read.
 *
 * @public
 */
export const MAX_PROJECT_PATH_LENGTH = 1024;

const MAX_SEGMENT_LENGTH = 255;

/**
 * Why `path` is no safe project path, or undefined when it is one: a safe path is
 * relative, POSIX (`/`, no backslash), has no empty, `.` or `..` segment and no control
 * character, and is at most {@link MAX_PROJECT_PATH_LENGTH} characters long. What
 * implements {@link ProjectFiles} reads no other.
 *
 * @public
 */
export function unsafePathReason(path: string): string | undefined {
  if (path.length === 0) return 'is empty';
  if (path.length > MAX_PROJECT_PATH_LENGTH) {
    return `is longer than ${MAX_PROJECT_PATH_LENGTH} characters`;
  }
  if (path.charCodeAt(0) === 0x2f) return 'is absolute';
  let segmentStart = 0;
  for (let i = 0; i <= path.length; i++) {
    const code = i < path.length ? path.charCodeAt(i) : 0x2f;
    if (code < 0x20 || code === 0x7f) return 'holds a control character';
    if (code === 0x5c) return 'holds a backslash';
    if (code !== 0x2f) continue;
    const length = i - segmentStart;
    if (length === 0) return 'has an empty segment';
    if (length > MAX_SEGMENT_LENGTH) {
      return `has a segment longer than ${MAX_SEGMENT_LENGTH} characters`;
    }
    if (
      path.charCodeAt(segmentStart) === 0x2e &&
      (length === 1 || (length === 2 && path.charCodeAt(i - 1) === 0x2e))
    ) {
      return 'has a . or .. segment';
    }
    segmentStart = i + 1;
  }
  return undefined;
}

/** The folder of a project path: `deploy` for `deploy/deploy.sql`, '' at the root. */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * A path as a plan or a script writes it, relative to `base` (a project folder, '' for the
 * root): its `.` and `..` segments resolved. A path that is absolute, leaves the project,
 * or is not a safe project path once resolved, gives the reason instead.
 */
export function resolveProjectPath(
  base: string,
  written: string,
): { path: string } | { problem: string } {
  if (written.length > MAX_PROJECT_PATH_LENGTH) {
    return {
      problem: `is longer than ${MAX_PROJECT_PATH_LENGTH} characters`,
    };
  }
  if (written.startsWith('/')) return { problem: 'is absolute' };
  const segments = base ? base.split('/') : [];
  for (const segment of written.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') {
      if (segments.length === 0) return { problem: 'leaves the project' };
      segments.pop();
    } else segments.push(segment);
  }
  const path = segments.join('/');
  const problem = unsafePathReason(path);
  return problem ? { problem } : { path };
}

const MAX_SHOWN = 120;

/** A path as a message shows it: quoted, control characters escaped, long ones cut. */
export function shownPath(path: string): string {
  return JSON.stringify(
    path.length > MAX_SHOWN ? `${path.slice(0, MAX_SHOWN)}…` : path,
  );
}
