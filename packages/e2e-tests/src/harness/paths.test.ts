import { resolve } from 'node:path';
import { e2eOutputDir, repoRoot, screenshotFileName } from './paths';

describe('e2e paths', () => {
  it('finds the repository root', () => {
    expect(require(resolve(repoRoot, 'package.json')).name).toBe('dataplan');
  });

  it('writes output under e2e-output unless told otherwise', () => {
    expect(e2eOutputDir({})).toBe(resolve(repoRoot, 'e2e-output'));
    expect(e2eOutputDir({ E2E_OUTPUT_DIR: '/tmp/run-1' })).toBe('/tmp/run-1');
  });

  it('turns journey names into safe screenshot file names', () => {
    expect(screenshotFileName('Catalog: data projects')).toBe(
      'catalog-data-projects.png',
    );
    expect(screenshotFileName('../../etc/passwd')).toBe('etc-passwd.png');
    expect(() => screenshotFileName('//')).toThrow(/no letters or digits/);
  });
});
