/**
 * Backend modules of the API benchmark: sign-in for the bench users, their ownership-based
 * catalog access, an entity provider for the generated projects, and a root logger that
 * keeps the refresh cycles' statistics.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthenticationError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
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

export const ADMIN_USER = 'bench-admin';
export const TEAMS = 10;

/** `bench-<n>` belongs to `team-<n % TEAMS>`; the admin belongs to no team. */
export function ownershipOf(user: string): string[] {
  const ref = `user:default/${user}`;
  const n = Number(user.replace('bench-', ''));
  return Number.isInteger(n) ? [ref, `group:default/team-${n % TEAMS}`] : [ref];
}

/** Sign-in by header `x-bench-user`, as a proxy provider (an SSO proxy) would. */
export const benchAuthModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'bench-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'bench',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate({ req }) {
                const user = req.header('x-bench-user');
                if (!user)
                  throw new AuthenticationError('x-bench-user missing');
                return { result: { user } };
              },
            }),
            signInResolver: async ({ result }, ctx) =>
              ctx.issueToken({
                claims: {
                  sub: `user:default/${result.user}`,
                  ent: ownershipOf(result.user),
                },
              }),
          }),
        });
      },
    });
  },
});

/** Bench users read the catalog entities they own; the admin reads everything. */
class OwnershipPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (user?.info.userEntityRef === `user:default/${ADMIN_USER}`) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(request.permission, catalogEntityReadPermission)) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const benchPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new OwnershipPolicy());
      },
    });
  },
});

/** Hands the generated entities to the catalog in one full mutation. */
export class BenchEntityProvider implements EntityProvider {
  #connection?: EntityProviderConnection;

  getProviderName() {
    return 'bench-data-projects';
  }

  async connect(connection: EntityProviderConnection) {
    this.#connection = connection;
  }

  async apply(entities: Entity[]) {
    if (!this.#connection) throw new Error('The catalog has not connected');
    await this.#connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: 'bench-data-projects',
      })),
    });
  }
}

export function benchCatalogModule(provider: BenchEntityProvider) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-projects',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider(provider);
        },
      });
    },
  });
}

/** Statistics of one refresh cycle, as the data-plan plugin logs them. */
export type CycleStats = Record<string, number>;

/**
 * A root logger that prints errors only (warnings with BENCH_VERBOSE) and hands every
 * "Refreshed data plans" entry to `onCycle`, every "Checked data projects against their
 * repositories" entry to `onCheck`.
 */
export function quietRootLogger(
  onCycle: (stats: CycleStats) => void,
  onCheck: (stats: CycleStats) => void = () => {},
) {
  const make = (meta: Record<string, unknown>): LoggerService => ({
    error: (message, extra) => {
      // The load generator drops its open connections when a run ends.
      if ((extra as { code?: string } | undefined)?.code === 'ECONNRESET')
        return;
      process.stderr.write(
        `error: ${message} ${JSON.stringify({
          ...meta,
          ...(extra as object),
        })}\n`,
      );
    },
    warn: (message, extra) => {
      if (process.env.BENCH_VERBOSE)
        process.stderr.write(
          `warn: ${message} ${JSON.stringify(extra ?? {})}\n`,
        );
    },
    info: (message, extra) => {
      if (message === 'Refreshed data plans') onCycle(extra as CycleStats);
      else if (message === 'Checked data projects against their repositories')
        onCheck(extra as CycleStats);
    },
    debug: () => {},
    child: childMeta => make({ ...meta, ...childMeta }),
  });
  const root = make({}) as RootLoggerService;
  return createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => root,
  });
}
