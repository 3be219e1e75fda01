import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The data-project template of this repository. */
export const templateDir = resolve(__dirname, '../../templates/data-project');

/** Every file below `dir`, as the scaffolder's dry-run endpoint takes them. */
export function directoryContents(
  dir: string,
): Array<{ path: string; base64Content: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => {
      const path = join(entry.parentPath, entry.name);
      return {
        path: relative(dir, path),
        base64Content: readFileSync(path).toString('base64'),
      };
    });
}

/** The bench's form, but for its objects: one project's metadata, one risk, one reviewer. */
export const benchFormValues = {
  name: 'bench-project',
  title: 'Bench Project',
  description: 'A generated project for the dry-run benchmark.',
  owner: 'group:default/platform-team',
  database: 'BENCH_DB',
  warehouse: 'BENCH_XS',
  warehouseSize: 'X-SMALL',
  layers: ['raw', 'transformation', 'consumption'],
  risks: [{ risk: 'Slow dry-runs', probability: 'low', impact: 'medium' }],
  reviewers: [{ name: 'Bench Reviewer', role: 'Platform Lead' }],
  destination: 'local',
};
