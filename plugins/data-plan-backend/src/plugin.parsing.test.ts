import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import request from 'supertest';
import { largePlan } from './__testUtils__/largePlan';
import { dataPlanPlugin } from './plugin';

describe('dataPlanPlugin parsing', () => {
  async function start(parsing: { timeoutMs?: number }) {
    const { server } = await startTestBackend({
      features: [
        dataPlanPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            dataPlan: {
              maxPlanBytes: 2 * 1024 * 1024,
              parsing: { maxThreads: 1, ...parsing },
            },
          },
        }),
      ],
    });
    return server;
  }

  it('answers /health while a large plan is linted', async () => {
    const server = await start({});
    // Node announces every new thread on this channel.
    const threadStarted = new Promise<string>(resolve => {
      const onThread = () => {
        unsubscribe('worker_threads', onThread);
        resolve('thread');
      };
      subscribe('worker_threads', onThread);
    });
    const lint = request(server)
      .post('/api/data-plan/lint')
      .send({ text: largePlan() })
      .then(res => res);
    const linted = lint.then(() => 'lint');

    // The parse is on a worker thread, not on the thread that serves requests...
    expect(await Promise.race([threadStarted, linted])).toBe('thread');
    // ...which answers while the worker parses.
    const health = request(server)
      .get('/api/data-plan/health')
      .then(res => res);
    expect(await Promise.race([health.then(() => 'health'), linted])).toBe(
      'health',
    );
    expect((await health).status).toBe(200);
    const res = await lint;
    expect(res.status).toBe(200);
    expect(res.body.evaluation.summary).toBeDefined();
  }, 60_000);

  it('answers a lint that runs out of its time budget with 400 parse-timeout', async () => {
    const server = await start({ timeoutMs: 1 });
    const res = await request(server)
      .post('/api/data-plan/lint')
      .send({ text: largePlan() });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: 'parse-timeout: Parsing the plan took longer than 1 ms',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  }, 60_000);
});
