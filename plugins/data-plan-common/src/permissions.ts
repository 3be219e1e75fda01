import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read Dataplan plans. Visibility of a single plan also follows the catalog's own read
 * decision on its entity.
 *
 * @public
 */
export const dataPlanReadPermission = createPermission({
  name: 'data-plan.plan.read',
  attributes: { action: 'read' },
});

/**
 * Re-read one data project's plan now. A resource permission on the catalog entity, so
 * that policies can decide by ownership.
 *
 * @public
 */
export const dataPlanRefreshPermission = createPermission({
  name: 'data-plan.plan.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission the Dataplan plugins define.
 *
 * @public
 */
export const dataPlanPermissions = [
  dataPlanReadPermission,
  dataPlanRefreshPermission,
];
