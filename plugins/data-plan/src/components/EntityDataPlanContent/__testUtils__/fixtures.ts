import { Entity } from '@backstage/catalog-model';
import {
  evaluatePlan,
  parsePlan,
  PlanDetailsResponse,
  splitFindings,
} from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const API_BASE_URL = 'http://localhost/api/data-plan';

/** Backend path of a component's plan. */
export function planPath(name: string): string {
  return `${API_BASE_URL}/plans/by-entity/component/default/${name}`;
}

/** Backend path of the sales-orders plan. */
export const PLAN_PATH = planPath('sales-orders');

/** A sample plan of the repository's examples. */
export function samplePlanText(
  name: 'sales-orders' | 'customer-360' | 'inventory-forecast',
): string {
  return readFileSync(
    resolve(
      __dirname,
      '../../../../../../examples/data-projects',
      name,
      'PLAN.md',
    ),
    'utf8',
  );
}

/**
 * A data project component. Permission decisions are cached per entity for the whole test
 * file (the permission hook's cache), so a test that needs its own decision names its own
 * entity.
 */
export function dataProjectEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'dataplan/plan': 'PLAN.md' },
    },
    spec: { type: 'data-project', owner: 'group:default/sales-analytics' },
  };
}

export const salesOrdersEntity = dataProjectEntity('sales-orders');

/** An entity without a plan. */
export const serviceEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'billing-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

/**
 * The response the backend gives for a plan text, built as the backend builds it: parsed,
 * evaluated, and with the evaluation's diagnostics and findings as one list linked to
 * `sourceUrl`.
 */
export function planResponse(
  text: string,
  options: {
    sourceUrl?: string;
    refresh?: PlanDetailsResponse['refresh'];
  } = {},
): PlanDetailsResponse {
  const plan = parsePlan(text);
  const { evaluation, diagnostics } = splitFindings(evaluatePlan(plan));
  const { sourceUrl } = options;
  return {
    entityRef: 'component:default/sales-orders',
    source: {
      path: 'PLAN.md',
      ...(sourceUrl ? { url: sourceUrl } : {}),
    },
    plan,
    evaluation,
    policy: 'production',
    diagnostics: diagnostics.map(d =>
      sourceUrl && d.line ? { ...d, url: `${sourceUrl}#L${d.line}` } : d,
    ),
    refresh: options.refresh ?? {
      lastRefreshedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      lastSuccessAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    },
  };
}
