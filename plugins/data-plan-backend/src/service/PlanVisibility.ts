import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DATA_PLAN_ANNOTATION,
  DATA_PROJECT_TYPE,
  dataPlanReadPermission,
} from '@dataplan/plugin-data-plan-common';
import { Visibility } from '../database/planQueries';

/** How long a user's visible data projects are reused before the catalog is asked again. */
export const VISIBILITY_CACHE_MS = 30_000;

/**
 * Whether a caller may list plans at all (`data-plan.plan.read`), and which data projects
 * they may see, by the catalog's own read decision: Dataplan never re-implements catalog
 * rules. ALLOW: all; DENY: none; CONDITIONAL: exactly the data projects the catalog returns
 * to the caller. Both are cached per principal for a short time.
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

  readonly #cache = new Map<
    string,
    { visibility: Visibility | 'not-allowed'; expires: number }
  >();

  private constructor(
    private readonly permissions: PermissionsService,
    private readonly catalog: CatalogService,
    private readonly now: () => number,
  ) {}

  /**
   * The caller's visibility; a NotAllowedError without the read permission. Decisions and
   * the visible refs are reused together for {@link VISIBILITY_CACHE_MS} per principal: a
   * policy or ownership change shows within that time, and a warm request costs no
   * permission or catalog call.
   */
  async for(credentials: BackstageCredentials): Promise<Visibility> {
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
      subject?: string;
    };
    const key = `${principal.type}:${
      principal.userEntityRef ?? principal.subject ?? 'unknown'
    }`;
    let entry = this.#cache.get(key);
    if (!entry || entry.expires <= this.now()) {
      entry = {
        visibility: await this.#resolve(credentials),
        expires: this.now() + VISIBILITY_CACHE_MS,
      };
      this.#cache.set(key, entry);
    }
    if (entry.visibility === 'not-allowed') {
      throw new NotAllowedError('You may not read data plans');
    }
    return entry.visibility;
  }

  async #resolve(
    credentials: BackstageCredentials,
  ): Promise<Visibility | 'not-allowed'> {
    const [[read], [decision]] = await Promise.all([
      this.permissions.authorize([{ permission: dataPlanReadPermission }], {
        credentials,
      }),
      this.permissions.authorizeConditional(
        [{ permission: catalogEntityReadPermission }],
        { credentials },
      ),
    ]);
    if (read.result !== AuthorizeResult.ALLOW) return 'not-allowed';
    if (decision.result === AuthorizeResult.ALLOW) return 'all';
    if (decision.result === AuthorizeResult.DENY) return [];

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
    return refs;
  }
}
