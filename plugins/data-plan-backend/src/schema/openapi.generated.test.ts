import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { spec } from './openapi.generated';

const repoRoot = resolve(__dirname, '../../../..');

/** Runs the repository's generator, as `yarn openapi:generate` does. */
function generator(...args: string[]) {
  return execFileSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      resolve(repoRoot, 'scripts/openapi-generate.ts'),
      ...args,
      'plugins/data-plan-backend',
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
}

describe('openapi.generated', () => {
  it('holds exactly the document of openapi.yaml', () => {
    expect(spec).toEqual(JSON.parse(generator('--json')));
  });

  it('is what `yarn openapi:generate` writes, formatted', () => {
    expect(generator('--check')).toMatch(/is up to date/);
  });
});
