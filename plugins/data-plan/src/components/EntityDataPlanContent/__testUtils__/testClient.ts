import { DataPlanClient } from '../../../api';
import { API_BASE_URL } from './fixtures';

/** The real {@link DataPlanClient} on {@link API_BASE_URL}: answer its requests with msw. */
export function createTestClient(): DataPlanClient {
  return new DataPlanClient({
    discoveryApi: { getBaseUrl: async () => API_BASE_URL },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}
