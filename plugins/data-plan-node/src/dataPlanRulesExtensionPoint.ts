import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { PlanRule } from '@dataplan/plugin-data-plan-common';

/**
 * Adds custom plan rules to the Dataplan backend: every plan is checked against them
 * beside the built-in rules, under the policy's severities.
 *
 * @public
 */
export interface DataPlanRulesExtensionPoint {
  /**
   * Registers rules. An id that is malformed, built in, or registered already (by this
   * module or another) stops the backend with an error naming it.
   */
  addRules(...rules: PlanRule[]): void;
}

/**
 * The extension point through which backend modules add plan rules.
 *
 * @public
 */
export const dataPlanRulesExtensionPoint =
  createExtensionPoint<DataPlanRulesExtensionPoint>({
    id: 'data-plan.rules',
  });
