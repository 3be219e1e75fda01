import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  dataPlanPermissions,
  dataPlanReadPermission,
  dataPlanRefreshPermission,
} from './permissions';

describe('Dataplan permissions', () => {
  it('reads plans with a basic permission', () => {
    expect(dataPlanReadPermission.name).toBe('data-plan.plan.read');
    expect(isResourcePermission(dataPlanReadPermission)).toBe(false);
    expect(dataPlanReadPermission.attributes.action).toBe('read');
  });

  it('refreshes a plan with a permission on its catalog entity', () => {
    expect(dataPlanRefreshPermission.name).toBe('data-plan.plan.refresh');
    expect(
      isResourcePermission(dataPlanRefreshPermission, 'catalog-entity'),
    ).toBe(true);
  });

  it('lists both permissions, each once', () => {
    expect(dataPlanPermissions.map(p => p.name).sort()).toEqual([
      'data-plan.plan.read',
      'data-plan.plan.refresh',
    ]);
  });
});
