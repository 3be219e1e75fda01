import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { LRUCache } from 'lru-cache';
import { dataPlanReadPermission } from '@dataplan/plugin-data-plan-common';
import { Visibility } from '../database/DataPlanStore';
import { dataProjectPages } from './dataProjectPages';

/** How long a user's visible data projects are reused before the catalog is asked again. */
export const VISIBILITY_CACHE_MS = 30_000;
/**
 * How long they answer at all. Between the two, a request is answered with them while a new
 * resolution runs, so that an active user never waits for the catalog, however busy it is.
 */
export const VISIBILITY_MAX_AGE_MS = 2 * VISIBILITY_CACHE_MS;
/** How many principals' visibility is kept at most; the least recently used go first. */
export const VISIBILITY_CACHE_MAX_PRINCIPALS = 1000;
/** How many visible refs are kept at most over all principals: bounds the memory. */
export const VISIBILITY_CACHE_MAX_REFS = 1_000_000;

type CachedVisibility = Visibility | 'not-allowed';

/**
 * Whether a caller may list plans at all (`data-plan.plan.read`), and which data projects
 * they may see, by the catalog's own read decision: Dataplan never re-implements catalog
 * rules. ALLOW: all; DENY: none; CONDITIONAL: exactly the data projects the catalog returns
 * to the caller. Both are cached per principal for a short time.
 */
export interface PlanVisibility {
  /** The caller's visibility; a NotAllowedError without the read permission. */
  for(credentials: BackstageCredentials): Promise<Visibility>;
}

/** {@link PlanVisibility} from the permission framework and the catalog, cached. */
export class DefaultPlanVisibility implements PlanVisibility {
  static create(options: {
    permissions: PermissionsService;
    catalog: CatalogService;
    now?: () => number;
  }) {
    return new DefaultPlanVisibility(
      options.permissions,
      options.catalog,
      options.now ?? (() => performance.now()),
    );
  }

  /**
   * Bounded in principals, refs and time (Backstage's in-memory cache service is not); a
   * principal's concurrent misses share one resolution, and a failed one is not kept.
   */
  readonly #cache: LRUCache<string, CachedVisibility, BackstageCredentials>;

  private constructor(
    private readonly permissions: PermissionsService,
    private readonly catalog: CatalogService,
    now: () => number,
  ) {
    this.#cache = new LRUCache({
      max: VISIBILITY_CACHE_MAX_PRINCIPALS,
      maxSize: VISIBILITY_CACHE_MAX_REFS,
      sizeCalculation: visibility =>
        Array.isArray(visibility) ? visibility.length + 1 : 1,
      ttl: VISIBILITY_MAX_AGE_MS,
      ttlResolution: 0,
      perf: { now },
      // A resolution that lost its entry to eviction still answers its callers.
      ignoreFetchAbort: true,
      fetchMethod: (_key, _stale, { context }) => this.#resolve(context),
    });
  }

  /**
   * The caller's visibility; a NotAllowedError without the read permission. Decisions and
   * the visible refs are reused together for {@link VISIBILITY_CACHE_MS} per principal, then
   * resolved anew behind the next request, which the old ones still answer: a policy or
   * ownership change shows within {@link VISIBILITY_MAX_AGE_MS}, and a warm request costs no
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
    const remaining = this.#cache.getRemainingTTL(key);
    const refreshAhead =
      remaining > 0 && remaining <= VISIBILITY_MAX_AGE_MS - VISIBILITY_CACHE_MS;
    if (refreshAhead) {
      // One resolution at a time: lru-cache shares a fetch already under way.
      this.#cache
        .fetch(key, {
          context: credentials,
          forceRefresh: true,
          allowStale: true,
        })
        .catch(() => {
          // A failed resolution is not kept; the next request tries again.
        });
    }
    const visibility =
      (await this.#cache.fetch(key, {
        context: credentials,
        allowStale: refreshAhead,
      })) ?? (await this.#resolve(credentials));
    if (visibility === 'not-allowed') {
      throw new NotAllowedError('You may not read data plans');
    }
    return visibility;
  }

  async #resolve(credentials: BackstageCredentials): Promise<CachedVisibility> {
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
    for await (const page of dataProjectPages(this.catalog, {
      credentials,
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
      pageSize: 1000,
    })) {
      refs.push(...page.map(entity => stringifyEntityRef(entity)));
    }
    return refs;
  }
}
