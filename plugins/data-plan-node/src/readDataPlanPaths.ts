import { Config } from '@backstage/config';
import { isAbsolute, relative, resolve } from 'node:path';

/**
 * The local folders Dataplan uses, as absolute paths.
 *
 * @public
 */
export interface DataPlanPaths {
  /** Base of every relative path in the `dataPlan` config block. */
  rootDir: string;
  /** Where the template's local destination publishes new projects. */
  workspaceDir: string;
  /** Folders plans may be read from on disk; always includes `workspaceDir`. */
  planRoots: string[];
}

/**
 * Default workspace folder, relative to `dataPlan.rootDir`.
 *
 * @public
 */
export const DEFAULT_WORKSPACE_DIR = '.dataplan/workspace';

/**
 * Reads the `dataPlan` config block into absolute paths. Relative `rootDir` resolves against
 * `cwd` (the backend's working directory); every other path resolves against `rootDir`.
 *
 * @public
 */
export function readDataPlanPaths(
  config: Config,
  options?: { cwd?: string },
): DataPlanPaths {
  const block = config.getOptionalConfig('dataPlan');
  const cwd = options?.cwd ?? process.cwd();
  const rootDir = resolve(cwd, block?.getOptionalString('rootDir') ?? '.');
  const workspaceDir = resolve(
    rootDir,
    block?.getOptionalString('workspaceDir') ?? DEFAULT_WORKSPACE_DIR,
  );
  const planRoots = [workspaceDir];
  for (const root of block?.getOptionalStringArray('planRoots') ?? []) {
    const absolute = resolve(rootDir, root);
    if (!planRoots.includes(absolute)) {
      planRoots.push(absolute);
    }
  }
  return { rootDir, workspaceDir, planRoots };
}

/**
 * Whether `path` (absolute) lies inside one of `roots`, after resolving `..` segments.
 * Callers that read the file must also resolve symbolic links first.
 *
 * @public
 */
export function isPathInsideRoots(path: string, roots: string[]): boolean {
  const target = resolve(path);
  return roots.some(root => {
    const rel = relative(resolve(root), target);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}
