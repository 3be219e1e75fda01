/** The benchmark's data projects: plan files on disk and their catalog entities. */
import { Entity } from '@backstage/catalog-model';
import { PLAN_STATUSES } from '@dataplan/plugin-data-plan-common';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEAMS } from './benchModules';

const SAMPLES = ['sales-orders', 'customer-360', 'inventory-forecast'];
export const DOMAINS = [
  'orders',
  'inventory',
  'customers',
  'payments',
  'shipping',
];

/**
 * Writes `count` plans under `<root>/projects/<name>/PLAN.md` (the three sample plans in
 * turn, with statuses spread over the lifecycle) and returns their entities, owned by
 * `team-<i % TEAMS>`.
 */
export function generateProjects(
  repoRoot: string,
  root: string,
  count: number,
): Entity[] {
  const samples = SAMPLES.map(name =>
    readFileSync(
      join(repoRoot, 'examples/data-projects', name, 'PLAN.md'),
      'utf8',
    ),
  );
  const entities: Entity[] = [];
  for (let i = 0; i < count; i++) {
    const name = `project-${String(i).padStart(5, '0')}`;
    const dir = join(root, 'projects', name);
    mkdirSync(dir, { recursive: true });
    const status = PLAN_STATUSES[(i * 7) % PLAN_STATUSES.length];
    writeFileSync(
      join(dir, 'PLAN.md'),
      samples[i % samples.length].replace(
        /\| \*\*Status\*\* \| `[A-Z_]+` \|/,
        `| **Status** | \`${status}\` |`,
      ),
    );
    const location = `file:${dir}/catalog-info.yaml`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        title: `${DOMAINS[i % DOMAINS.length]} pipeline ${i}`,
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'dataplan/plan': 'PLAN.md',
        },
      },
      spec: {
        type: 'data-project',
        lifecycle: 'production',
        owner: `group:default/team-${i % TEAMS}`,
      },
    });
  }
  return entities;
}
