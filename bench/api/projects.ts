/**
 * The benchmark's data projects: plan files on disk and their catalog entities, and the
 * teams that own them.
 */
import { Entity } from '@backstage/catalog-model';
import { PLAN_STATUSES } from '@dataplan/plugin-data-plan-common';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEAMS } from './benchModules';
import { scmUrl, ScmManifest } from './benchScm';

const SAMPLES = ['sales-orders', 'customer-360', 'inventory-forecast'];
export const DOMAINS = [
  'orders',
  'inventory',
  'customers',
  'payments',
  'shipping',
];

/** The name of the generated project `i`. */
export function projectName(i: number): string {
  return `project-${String(i).padStart(5, '0')}`;
}

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
    const name = projectName(i);
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
    entities.push(projectEntity(i, `file:${dir}/catalog-info.yaml`));
  }
  return entities;
}

/** Project `i`'s catalog entity, registered from `location`. */
function projectEntity(i: number, location: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: projectName(i),
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
  };
}

/**
 * The same `count` projects as repositories on the bench's host (see benchScm.ts): each
 * entity registered from `catalog-info.yaml` of its own repository, which holds the plan
 * `generateProjects` wrote and the other files of the sample project it was made from.
 */
export function repositoryProjects(
  repoRoot: string,
  root: string,
  count: number,
): { entities: Entity[]; manifest: ScmManifest } {
  const entities: Entity[] = [];
  const projects: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const name = projectName(i);
    projects[name] = join(
      repoRoot,
      'examples/data-projects',
      SAMPLES[i % SAMPLES.length],
    );
    entities.push(projectEntity(i, `url:${scmUrl(name, 'catalog-info.yaml')}`));
  }
  return { entities, manifest: { plansDir: join(root, 'projects'), projects } };
}

/**
 * Moves `count` plans, spread over the projects of `total`, to the status after theirs (as
 * an author's edit does); returns how many it changed.
 */
export function editStatuses(
  root: string,
  total: number,
  count: number,
): number {
  const step = Math.max(1, Math.floor(total / count));
  let edited = 0;
  for (let i = 0; i < total && edited < count; i += step) {
    const path = join(root, 'projects', projectName(i), 'PLAN.md');
    const text = readFileSync(path, 'utf8');
    const next = text.replace(
      /\| \*\*Status\*\* \| `([A-Z_]+)` \|/,
      (_, status: string) => {
        const at = (PLAN_STATUSES as readonly string[]).indexOf(status);
        return `| **Status** | \`${
          PLAN_STATUSES[(at + 1) % PLAN_STATUSES.length]
        }\` |`;
      },
    );
    writeFileSync(path, next);
    edited++;
  }
  return edited;
}

/**
 * The owner groups `team-<t>`, each with the users `bench-<n>` of `users` that belong to it
 * (as `ownershipOf` counts them): whom a project's notifications reach.
 */
export function generateTeams(root: string, users: number): Entity[] {
  const location = `file:${join(root, 'teams.yaml')}`;
  return Array.from({ length: TEAMS }, (_, t) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: `team-${t}`,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      },
    },
    spec: {
      type: 'team',
      children: [],
      members: Array.from({ length: users }, (__, n) => n)
        .filter(n => n % TEAMS === t)
        .map(n => `bench-${n}`),
    },
  }));
}
