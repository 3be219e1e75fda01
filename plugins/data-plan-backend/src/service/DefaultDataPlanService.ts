import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  dataPlanReadPermission,
  dataPlanRefreshPermission,
  isDataPlanAvailable,
  LintPlanResponse,
  ListPlansRequest,
  ListPlansResponse,
  PlanDetailsResponse,
  PlanFacetsResponse,
  PlanHistoryResponse,
  PlanListFilters,
  PlanRollupResponse,
  PlanTrendsRequest,
  PlanTrendsResponse,
  RollupDimension,
} from '@dataplan/plugin-data-plan-common';
import { DataPlanStore } from '../database/DataPlanStore';
import {
  DataPlanService,
  DataPlanServiceCallOptions,
  PlanExportRequest,
} from './DataPlanService';
import { ConfigPlanPolicies, PlanPolicies } from './policy/PlanPolicies';
import { PlanParser } from './parsing/PlanParser';
import { evaluateWithRules, PlanRuleSet } from './evaluateWithRules';
import { PLAN_CSV_HEADER, planCsvRows } from './planCsv';
import { PlanRefresher } from './PlanRefresher';
import { planListQuery } from './planListQuery';
import {
  lintPlanResponse,
  listPlansResponse,
  planDetailsResponse,
} from './planResponses';
import { PlanVisibility } from './PlanVisibility';
import { planHistoryResponse } from './trends/planHistoryResponse';
import { trendPoints } from './trends/trendPoints';
import { trendRange } from './trends/trendRange';

/** {@link DataPlanService} over the store, the refresher and the caller's permissions. */
export class DefaultDataPlanService implements DataPlanService {
  static create(options: {
    permissions: PermissionsService;
    catalog: CatalogService;
    store: DataPlanStore;
    refresher: PlanRefresher;
    parser: PlanParser;
    /** The default policy is what POST /lint evaluates under. Default: the default policy. */
    policies?: PlanPolicies;
    /** The registered plan rules, which POST /lint runs with no entity. Default: none. */
    rules?: PlanRuleSet;
    visibility: PlanVisibility;
    maxPlanBytes: number;
    /** What today is for trends and days in status; the system clock unless a test sets one. */
    now?: () => Date;
  }): DefaultDataPlanService {
    return new DefaultDataPlanService(options);
  }

  private constructor(
    private readonly options: Parameters<
      typeof DefaultDataPlanService.create
    >[0],
  ) {}

  async listPlans(
    request: ListPlansRequest,
    { credentials }: DataPlanServiceCallOptions,
  ): Promise<ListPlansResponse> {
    const { store, visibility } = this.options;
    const visible = await visibility.for(credentials);
    return listPlansResponse(
      await store.listPlans(planListQuery(request), visible),
    );
  }

  async getFacets(
    filters: PlanListFilters,
    { credentials }: DataPlanServiceCallOptions,
  ): Promise<PlanFacetsResponse> {
    const { store, visibility } = this.options;
    return store.getFacets(filters, await visibility.for(credentials));
  }

  async getRollup(
    by: RollupDimension,
    filters: PlanListFilters,
    { credentials }: DataPlanServiceCallOptions,
  ): Promise<PlanRollupResponse> {
    const { store, visibility } = this.options;
    return store.getRollup(by, filters, await visibility.for(credentials));
  }

  async exportCsv(
    request: PlanExportRequest,
    { credentials }: DataPlanServiceCallOptions,
  ): Promise<AsyncIterable<string>> {
    const { store, visibility } = this.options;
    const visible = await visibility.for(credentials);
    const pages = store.streamPlans(planListQuery(request), visible);
    const first = await pages.next(); // fail before anything is sent
    return (async function* chunks() {
      yield PLAN_CSV_HEADER;
      if (first.done) return;
      // A page (up to 1,000 rows) is one chunk.
      yield planCsvRows(first.value);
      for await (const page of pages) yield planCsvRows(page);
    })();
  }

  async getTrends(
    request: PlanTrendsRequest,
    { credentials }: DataPlanServiceCallOptions,
  ): Promise<PlanTrendsResponse> {
    const { store, visibility } = this.options;
    const { from: _from, to: _to, interval: _interval, ...filters } = request;
    const range = trendRange(request, this.#now());
    const visible = await visibility.for(credentials);
    // The periods follow from the interval, start and end: they are the reused key's.
    return store.getTrend(
      filters,
      visible,
      { interval: range.interval, from: range.start, until: range.until },
      rows => ({
        interval: range.interval,
        from: range.from,
        to: range.to,
        points: trendPoints(rows, range.periods),
      }),
    );
  }

  async getHistory(
    ref: CompoundEntityRef,
    { credentials }: DataPlanServiceCallOptions,
  ): Promise<PlanHistoryResponse> {
    const { entityRef } = await this.#readableProject(ref, credentials);
    const [entries, backfill] = await Promise.all([
      this.options.store.getHistory(entityRef),
      this.options.store.getBackfillStatus(entityRef),
    ]);
    return planHistoryResponse(entityRef, entries, this.#now(), backfill);
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async getPlan(
    ref: CompoundEntityRef,
    { credentials }: DataPlanServiceCallOptions,
  ): Promise<PlanDetailsResponse> {
    const { store, refresher } = this.options;
    const { entity, entityRef } = await this.#readableProject(ref, credentials);
    let project = await store.getProject(entityRef);
    if (!project || project.deletedAt) {
      // Not read yet (a project created moments ago): read it now, once.
      await refresher.refreshEntity(entity);
      project = await store.getProject(entityRef);
    }
    if (!project) throw new NotFoundError(`No data plan for ${entityRef}`);
    return planDetailsResponse(entityRef, project);
  }

  async refreshPlan(
    ref: CompoundEntityRef,
    options: Parameters<DataPlanService['refreshPlan']>[1],
  ): Promise<PlanDetailsResponse> {
    const { permissions, store, refresher } = this.options;
    const { credentials } = options;
    const { entity, entityRef } = await this.#readableProject(ref, credentials);
    const auditEvent = await options.audit(entityRef);
    let outcome;
    try {
      const [decision] = await permissions.authorize(
        [{ permission: dataPlanRefreshPermission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not refresh the plan of ${entityRef}`,
        );
      }
      outcome = await refresher.refreshEntity(entity);
    } catch (error) {
      await auditEvent.fail({ error: error as Error });
      throw error;
    }
    const project = await store.getProject(entityRef);
    if (outcome === 'error' || !project) {
      // The refresh ran but read no plan: the answer shows the error, the audit a failure.
      await auditEvent.fail({
        meta: { outcome },
        error: new Error(project?.lastError ?? `No plan for ${entityRef}`),
      });
    } else {
      await auditEvent.success({ meta: { outcome } });
    }
    if (!project) throw new NotFoundError(`No data plan for ${entityRef}`);
    return planDetailsResponse(entityRef, project);
  }

  async lintPlan(
    text: string,
    { credentials }: DataPlanServiceCallOptions,
  ): Promise<LintPlanResponse> {
    const { parser, maxPlanBytes } = this.options;
    await this.#authorizeRead(credentials);
    // The request's size cap counts the whole body; the plan's own limit counts its bytes,
    // which a string's length in the OpenAPI schema cannot.
    if (Buffer.byteLength(text) > maxPlanBytes) {
      throw new InputError(
        `text: the plan is larger than the ${maxPlanBytes}-byte limit`,
      );
    }
    const policy = (
      this.options.policies ?? ConfigPlanPolicies.create()
    ).forDefault().policy;
    const parsed = await parser.parse(text, { policy });
    return lintPlanResponse(
      evaluateWithRules({
        plan: parsed.plan,
        evaluation: parsed.evaluation,
        spentMs: parsed.elapsedMs,
        policy,
        ruleSet: this.options.rules,
      }),
    );
  }

  /** Refuses a caller without the basic data-plan read permission. */
  async #authorizeRead(credentials: BackstageCredentials) {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: dataPlanReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read data plans');
    }
  }

  /**
   * The data project the caller names, fetched with the caller's own credentials: an entity
   * they may not read gets the same 404 as one without a plan.
   */
  async #readableProject(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ) {
    await this.#authorizeRead(credentials);
    const entityRef = stringifyEntityRef(ref);
    const entity: Entity | undefined =
      await this.options.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity || !isDataPlanAvailable(entity)) {
      throw new NotFoundError(`No data plan for ${entityRef}`);
    }
    return { entity, entityRef: stringifyEntityRef(entity) };
  }
}
