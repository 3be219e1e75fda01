import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ListPlansRequest,
  ListPlansResponse,
  PlanDetailsResponse,
  PlanFacetsResponse,
  PlanHistoryResponse,
  PlanListFilters,
  PlanRollupRequest,
  PlanRollupResponse,
  PlanTrendsRequest,
  PlanTrendsResponse,
} from '@dataplan/plugin-data-plan-common';
import { DataPlanApi } from './DataPlanApi';

/** The query string the backend's list and trend routes read; lists go comma-separated. */
export function toListQuery(
  request: ListPlansRequest & PlanTrendsRequest & Partial<PlanRollupRequest>,
): string {
  const params = new URLSearchParams();
  if (request.by) params.set('by', request.by);
  if (request.owner?.length) params.set('owner', request.owner.join(','));
  if (request.status?.length) params.set('status', request.status.join(','));
  if (request.severity) params.set('severity', request.severity);
  if (request.unmitigatedHighRisk !== undefined)
    params.set('unmitigatedHighRisk', String(request.unmitigatedHighRisk));
  if (request.stuck !== undefined) params.set('stuck', String(request.stuck));
  if (request.waived !== undefined)
    params.set('waived', String(request.waived));
  if (request.drifted !== undefined)
    params.set('drifted', String(request.drifted));
  if (request.rule) params.set('rule', request.rule);
  if (request.text?.trim()) params.set('text', request.text.trim());
  if (request.system) params.set('system', request.system);
  if (request.group) params.set('group', request.group);
  if (request.sort) params.set('sort', request.sort);
  if (request.order) params.set('order', request.order);
  if (request.limit !== undefined) params.set('limit', String(request.limit));
  if (request.cursor) params.set('cursor', request.cursor);
  if (request.from) params.set('from', request.from);
  if (request.to) params.set('to', request.to);
  if (request.interval) params.set('interval', request.interval);
  const query = params.toString();
  return query ? `?${query}` : '';
}

function entityPath(entity: CompoundEntityRef): string {
  const parts = [entity.kind, entity.namespace, entity.name].map(part =>
    encodeURIComponent(part.toLocaleLowerCase('en-US')),
  );
  return `/plans/by-entity/${parts.join('/')}`;
}

/**
 * {@link DataPlanApi} over HTTP, through the app's discovery and fetch APIs.
 *
 * @public
 */
export class DataPlanClient implements DataPlanApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  /** {@inheritDoc DataPlanApi.listPlans} */
  async listPlans(request: ListPlansRequest = {}): Promise<ListPlansResponse> {
    return (await this.#request(`/plans${toListQuery(request)}`)).json();
  }

  /** {@inheritDoc DataPlanApi.getFacets} */
  async getFacets(filters: PlanListFilters = {}): Promise<PlanFacetsResponse> {
    return (await this.#request(`/plans/facets${toListQuery(filters)}`)).json();
  }

  /** {@inheritDoc DataPlanApi.getRollup} */
  async getRollup(request: PlanRollupRequest): Promise<PlanRollupResponse> {
    return (await this.#request(`/plans/rollup${toListQuery(request)}`)).json();
  }

  /** {@inheritDoc DataPlanApi.exportCsv} */
  async exportCsv(filters: PlanListFilters = {}): Promise<Blob> {
    return (
      await this.#request(`/plans/export.csv${toListQuery(filters)}`)
    ).blob();
  }

  /** {@inheritDoc DataPlanApi.getPlan} */
  async getPlan(entity: CompoundEntityRef): Promise<PlanDetailsResponse> {
    return (await this.#request(entityPath(entity))).json();
  }

  /** {@inheritDoc DataPlanApi.refreshPlan} */
  async refreshPlan(entity: CompoundEntityRef): Promise<PlanDetailsResponse> {
    return (
      await this.#request(`${entityPath(entity)}/refresh`, { method: 'POST' })
    ).json();
  }

  /** {@inheritDoc DataPlanApi.getHistory} */
  async getHistory(entity: CompoundEntityRef): Promise<PlanHistoryResponse> {
    return (await this.#request(`${entityPath(entity)}/history`)).json();
  }

  /** {@inheritDoc DataPlanApi.getTrends} */
  async getTrends(
    request: PlanTrendsRequest = {},
  ): Promise<PlanTrendsResponse> {
    return (await this.#request(`/plans/trends${toListQuery(request)}`)).json();
  }

  async #request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('data-plan');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
