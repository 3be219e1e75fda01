import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  Entity,
} from '@backstage/catalog-model';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../../..');
const CATALOG_INFO = 'plugins/data-plan-backend/catalog-info.yaml';

/** The entities of the package's catalog-info.yaml, as the repository's generator reads them. */
function catalogEntities(): Entity[] {
  const json = execFileSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      resolve(repoRoot, 'scripts/openapi-generate.ts'),
      '--json',
      CATALOG_INFO,
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return JSON.parse(json);
}

describe('catalog-info.yaml', () => {
  const entities = catalogEntities();
  const api = entities.find(entity => entity.kind === 'API');
  const component = entities.find(entity => entity.kind === 'Component');

  it('holds a valid Component and API entity', async () => {
    expect(entities.map(entity => entity.kind)).toEqual(['Component', 'API']);
    expect(await componentEntityV1alpha1Validator.check(component!)).toBe(true);
    expect(await apiEntityV1alpha1Validator.check(api!)).toBe(true);
  });

  it('has the backend provide the API', () => {
    expect(component!.spec?.providesApis).toEqual([api!.metadata.name]);
  });

  it('defines the API by the OpenAPI document, inlined as written', () => {
    expect(api!.spec?.type).toBe('openapi');
    expect(api!.spec?.definition).toBe(
      readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'),
    );
  });
});
