import { Entity } from '@backstage/catalog-model';
import { DEFAULT_WAIVERS_PATH } from './plan/waiverFile';

/**
 * Annotation holding the plan document's path, relative to the entity's source location.
 *
 * @public
 */
export const DATA_PLAN_ANNOTATION = 'dataplan/plan';

/**
 * Annotation holding the waiver file's path, relative to the entity's source location like
 * {@link DATA_PLAN_ANNOTATION}. Without it the waivers are `.dataplan/waivers.yaml` in the
 * plan's folder.
 *
 * @public
 */
export const DATA_PLAN_WAIVERS_ANNOTATION = 'dataplan/waivers';

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

/**
 * The waiver file path of an entity: the `dataplan/waivers` annotation's value, or
 * `.dataplan/waivers.yaml` in the folder of its plan (both relative to the entity's
 * source location).
 *
 * @public
 */
export function getDataPlanWaiversPath(entity: Entity): string {
  const annotated =
    entity.metadata.annotations?.[DATA_PLAN_WAIVERS_ANNOTATION]?.trim();
  if (annotated) return annotated;
  const plan = getDataPlanPath(entity);
  return `${plan.slice(0, plan.lastIndexOf('/') + 1)}${DEFAULT_WAIVERS_PATH}`;
}
