import {
  createBackendModule,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { dataPlanRefreshPermission } from '@dataplan/plugin-data-plan-common';

/**
 * The portal's policy: everyone reads and creates; a data project's plan is refreshed only
 * by its owners; deleting (entities, locations, …) is for the platform team, which may do
 * everything.
 */
export class DataPlanPermissionPolicy implements PermissionPolicy {
  constructor(private readonly platformTeam: string) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.includes(this.platformTeam)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (request.permission.attributes.action === 'delete') {
      return { result: AuthorizeResult.DENY };
    }
    if (isPermission(request.permission, dataPlanRefreshPermission)) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link DataPlanPermissionPolicy}; `dataPlan.platformTeam` names the platform group. */
export const dataPlanPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'data-plan-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new DataPlanPermissionPolicy(
            config.getOptionalString('dataPlan.platformTeam') ??
              'group:default/platform-team',
          ),
        );
      },
    });
  },
});
