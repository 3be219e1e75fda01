import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_WORKSPACE_DIR,
  isPathInsideRoots,
  readDataPlanPaths,
} from './readDataPlanPaths';

describe('readDataPlanPaths', () => {
  it('resolves every path against rootDir, and rootDir against the working directory', () => {
    const paths = readDataPlanPaths(
      new ConfigReader({
        dataPlan: {
          rootDir: '../..',
          workspaceDir: 'var/projects',
          planRoots: ['examples/data-projects', '/srv/plans'],
        },
      }),
      { cwd: '/repo/packages/backend' },
    );
    expect(paths).toEqual({
      rootDir: '/repo',
      workspaceDir: '/repo/var/projects',
      planRoots: [
        '/repo/var/projects',
        '/repo/examples/data-projects',
        '/srv/plans',
      ],
    });
  });

  it('defaults to the working directory and a workspace folder under it', () => {
    const paths = readDataPlanPaths(new ConfigReader({}), { cwd: '/app' });
    expect(paths.rootDir).toBe('/app');
    expect(paths.workspaceDir).toBe(`/app/${DEFAULT_WORKSPACE_DIR}`);
    expect(paths.planRoots).toEqual([`/app/${DEFAULT_WORKSPACE_DIR}`]);
  });

  it('lists the workspace once even when planRoots names it again', () => {
    const paths = readDataPlanPaths(
      new ConfigReader({
        dataPlan: { rootDir: '/r', planRoots: ['.dataplan/workspace/'] },
      }),
    );
    expect(paths.planRoots).toEqual(['/r/.dataplan/workspace']);
  });

  it('names the key when a value has the wrong type', () => {
    expect(() =>
      readDataPlanPaths(new ConfigReader({ dataPlan: { planRoots: 'x' } })),
    ).toThrow(/dataPlan\.planRoots/);
  });
});

describe('isPathInsideRoots', () => {
  const roots = ['/repo/examples', '/repo/.dataplan/workspace'];

  it('accepts paths inside a root', () => {
    expect(isPathInsideRoots('/repo/examples/a/PLAN.md', roots)).toBe(true);
    expect(isPathInsideRoots('/repo/.dataplan/workspace', roots)).toBe(true);
  });

  it('refuses traversal, siblings that share a prefix and other folders', () => {
    expect(isPathInsideRoots('/repo/examples/../secrets.yaml', roots)).toBe(
      false,
    );
    expect(isPathInsideRoots('/repo/examples-evil/PLAN.md', roots)).toBe(false);
    expect(isPathInsideRoots('/etc/passwd', roots)).toBe(false);
  });
});
