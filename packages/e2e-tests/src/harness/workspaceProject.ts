import type {
  PlanDetailsResponse,
  PlanStatus,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, requestAsGuest } from './backendApi';
import { repoRoot } from './paths';
import { runDataProjectTemplate } from './runTemplate';

/** The guest's group in examples/org.yaml: a project it owns tells the guest. */
export const GUEST_GROUP = 'group:default/sales-analytics';

/** Where the template's local destination puts a project (app-config.yaml's workspaceDir). */
export function workspaceProjectDir(name: string): string {
  return join(repoRoot, '.dataplan/workspace', name);
}

/**
 * Makes a small project in the local workspace with the data-project template, owned by the
 * guest's group: two tables, raw then transformation, and one low risk. Waits until the
 * data-plan backend reads its plan, which stores that first result, and returns it.
 */
export async function createWorkspaceProject(
  backendUrl: string,
  project: { name: string; title: string; description: string },
): Promise<PlanDetailsResponse> {
  await runDataProjectTemplate(backendUrl, {
    ...project,
    owner: GUEST_GROUP,
    database: 'E2E_DB',
    warehouse: 'COMPUTE_WH',
    warehouseSize: 'X-SMALL',
    layers: ['raw', 'transformation'],
    objects: [
      { name: 'ORDERS_RAW', layer: 'raw', kind: 'table' },
      {
        name: 'ORDERS_CLEAN',
        layer: 'transformation',
        kind: 'table',
        dependencies: 'ORDERS_RAW',
      },
    ],
    risks: [
      { risk: 'Late-arriving orders', probability: 'low', impact: 'low' },
    ],
    destination: 'local',
  });
  return eventually(
    'the new project in the catalog and its plan',
    async () => {
      const { status, body } = await requestAsGuest<PlanDetailsResponse>(
        backendUrl,
        `/api/data-plan/plans/by-entity/component/default/${project.name}`,
      );
      return status === 200 && body.plan ? body : undefined;
    },
    120_000,
  );
}

/** The metadata table's Status row as the template writes it. */
function statusRow(status: PlanStatus): string {
  return `| **Status** | \`${status}\` |`;
}

/** Plan text with its Status row changed from `from` to `to`; throws unless the row says `from`. */
export function withPlanStatus(
  text: string,
  from: PlanStatus,
  to: PlanStatus,
): string {
  if (!text.includes(statusRow(from))) {
    throw new Error(`the plan has no Status row saying ${from}`);
  }
  return text.replace(statusRow(from), statusRow(to));
}

/** Edits a workspace project's PLAN.md on disk from status `from` to `to`, as its author would. */
export function setWorkspacePlanStatus(
  projectDir: string,
  from: PlanStatus,
  to: PlanStatus,
): void {
  const path = join(projectDir, 'PLAN.md');
  writeFileSync(path, withPlanStatus(readFileSync(path, 'utf8'), from, to));
}
