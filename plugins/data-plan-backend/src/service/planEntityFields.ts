import { POLICY_ENTITY_FIELDS } from './policy/PlanPolicies';

/**
 * The entity fields a refresh needs (its policy's among them); the catalog sends nothing
 * else. Whatever hands an entity to a refresh (the cycle, the repository check) asks for
 * these, so the stored owner, title and system are never those of a trimmed entity.
 */
export const PLAN_ENTITY_FIELDS: readonly string[] = [
  ...new Set([
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.title',
    'metadata.annotations',
    'spec.type',
    'spec.owner',
    'spec.system',
    ...POLICY_ENTITY_FIELDS,
  ]),
];
