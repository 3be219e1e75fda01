import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DataPlanClient } from './DataPlanClient';

describe('DataPlanClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const baseUrl = 'http://backstage.test/api/data-plan';
  const client = new DataPlanClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('reads the backend health', async () => {
    server.use(
      http.get(`${baseUrl}/health`, () => HttpResponse.json({ status: 'ok' })),
    );

    await expect(client.getHealth()).resolves.toEqual({ status: 'ok' });
  });

  it('surfaces a failed request as a ResponseError with the status', async () => {
    server.use(
      http.get(`${baseUrl}/health`, () =>
        HttpResponse.json(
          { error: { name: 'AuthenticationError', message: 'no token' } },
          { status: 401 },
        ),
      ),
    );

    await expect(client.getHealth()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 401,
    });
  });
});
