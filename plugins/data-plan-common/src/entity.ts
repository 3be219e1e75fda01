import { Entity } from '@backstage/catalog-model';

/**
 * Annotation holding the plan document's path, relative to the entity's source location.
 *
 * @public
 */
export const DATA_PLAN_ANNOTATION = 'dataplan/plan';

/**
 * The `spec.type` of catalog components that are Dataplan data projects.
 *
 * @public
 */
export const DATA_PROJECT_TYPE = 'data-project';

/**
 * Plan path used when a data project does not set the annotation.
 *
 * @public
 */
export const DEFAULT_PLAN_PATH = 'PLAN.md';

/**
 * Whether an entity has a Dataplan plan: a component of type `data-project`, or any entity
 * carrying the `dataplan/plan` annotation. The backend, both frontend systems, the tab and
 * the card all decide with this one predicate.
 *
 * @public
 */
export function isDataPlanAvailable(entity: Entity): boolean {
  if (entity.metadata.annotations?.[DATA_PLAN_ANNOTATION]?.trim()) {
    return true;
  }
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    typeof type === 'string' &&
    type.toLocaleLowerCase('en-US') === DATA_PROJECT_TYPE
  );
}

/**
 * The plan path of an entity: the annotation's value, or `PLAN.md`.
 *
 * @public
 */
export function getDataPlanPath(entity: Entity): string {
  return (
    entity.metadata.annotations?.[DATA_PLAN_ANNOTATION]?.trim() ||
    DEFAULT_PLAN_PATH
  );
}
