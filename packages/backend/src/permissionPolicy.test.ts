import { mockCredentials } from '@backstage/backend-test-utils';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  dataPlanReadPermission,
  dataPlanRefreshPermission,
} from '@dataplan/plugin-data-plan-common';
import { DataPlanPermissionPolicy } from './permissionPolicy';

const policy = new DataPlanPermissionPolicy('group:default/platform-team');

function user(...ownershipEntityRefs: string[]) {
  return {
    credentials: mockCredentials.user(ownershipEntityRefs[0]),
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  };
}

describe('DataPlanPermissionPolicy', () => {
  it('lets everyone read plans and catalog entities', async () => {
    const guest = user('user:default/guest', 'group:default/sales-analytics');
    for (const permission of [
      dataPlanReadPermission,
      catalogEntityReadPermission,
    ]) {
      await expect(policy.handle({ permission }, guest)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it("lets only an entity's owners refresh its plan", async () => {
    const decision = await policy.handle(
      { permission: dataPlanRefreshPermission },
      user('user:default/guest', 'group:default/sales-analytics'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/guest', 'group:default/sales-analytics'],
        },
      },
    });
  });

  it('leaves deleting to the platform team', async () => {
    const del = { permission: catalogEntityDeletePermission };
    await expect(
      policy.handle(
        del,
        user('user:default/guest', 'group:default/sales-analytics'),
      ),
    ).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
    await expect(
      policy.handle(
        del,
        user('user:default/alice', 'group:default/platform-team'),
      ),
    ).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets the platform team do everything', async () => {
    await expect(
      policy.handle(
        { permission: dataPlanRefreshPermission },
        user('user:default/alice', 'group:default/platform-team'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
