import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DataPlanHealthResponse } from '@dataplan/plugin-data-plan-common';
import { DataPlanApi } from './DataPlanApi';

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

  async getHealth(): Promise<DataPlanHealthResponse> {
    return this.#get<DataPlanHealthResponse>('/health');
  }

  async #get<T>(path: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('data-plan');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
