import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DATA_PLAN_ANNOTATION,
  DATA_PROJECT_TYPE,
} from '@dataplan/plugin-data-plan-common';
import { Visibility } from '../database/planQueries';

/** How long a user's visible data projects are reused before the catalog is asked again. */
export const VISIBILITY_CACHE_MS = 30_000;

/**
 * Which data projects a caller may see, by the catalog's own read decision: Dataplan never
 * re-implements catalog rules. ALLOW: all; DENY: none; CONDITIONAL: exactly the data
 * projects the catalog returns to the caller, cached per user for a short time.
 */
export class PlanVisibility {
  static create(options: {
    permissions: PermissionsService;
    catalog: CatalogService;
    now?: () => number;
  }) {
    return new PlanVisibility(
      options.permissions,
      options.catalog,
      options.now ?? Date.now,
    );
  }

  readonly #cache = new Map<string, { refs: string[]; expires: number }>();

  private constructor(
    private readonly permissions: PermissionsService,
    private readonly catalog: CatalogService,
    private readonly now: () => number,
  ) {}

  async for(credentials: BackstageCredentials): Promise<Visibility> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return 'all';
    if (decision.result === AuthorizeResult.DENY) return [];

    const principal = credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    const key = principal.userEntityRef ?? principal.subject ?? 'unknown';
    const cached = this.#cache.get(key);
    if (cached && cached.expires > this.now()) return cached.refs;

    const refs: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? {
              cursor,
              fields: ['kind', 'metadata.namespace', 'metadata.name'],
              limit: 1000,
            }
          : {
              filter: [
                { 'spec.type': DATA_PROJECT_TYPE },
                {
                  [`metadata.annotations.${DATA_PLAN_ANNOTATION}`]:
                    CATALOG_FILTER_EXISTS,
                },
              ],
              fields: ['kind', 'metadata.namespace', 'metadata.name'],
              limit: 1000,
            },
        { credentials },
      );
      refs.push(...page.items.map(entity => stringifyEntityRef(entity)));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    this.#cache.set(key, { refs, expires: this.now() + VISIBILITY_CACHE_MS });
    return refs;
  }
}
