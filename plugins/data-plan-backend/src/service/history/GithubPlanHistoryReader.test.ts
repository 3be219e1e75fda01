import { ConfigReader } from '@backstage/config';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import page1 from './__fixtures__/github-commits-page-1.json';
import page2 from './__fixtures__/github-commits-page-2.json';
import { GithubPlanHistoryReader } from './GithubPlanHistoryReader';
import { PlanHistoryRateLimitError } from './PlanHistoryRateLimitError';

const API = 'https://api.github.com/repos/acme/orders';
const PLAN_URL = 'https://github.com/acme/orders/blob/main/data/PLAN.md';
const [D, C, B, A] = [...page1, ...page2].map(c => c.sha);
const TEXTS: Record<string, string> = {
  [D]: '# Plan v4\n',
  [C]: '# Plan v3\n',
  [B]: '# Plan v2\n',
  [A]: '# Plan v1\n',
};

const config = new ConfigReader({
  integrations: {
    github: [
      { host: 'github.com', token: 'gh-token' },
      {
        host: 'ghe.example.com',
        apiBaseUrl: 'https://ghe.example.com/api/v3',
        token: 'ghe-token',
      },
    ],
  },
});

function source(location = PLAN_URL) {
  return { type: 'url' as const, location, path: 'data/PLAN.md' };
}

function raw(text: string) {
  return new HttpResponse(text, {
    headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' },
  });
}

describe('GithubPlanHistoryReader', () => {
  const server = setupServer();
  const requests: Request[] = [];

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  beforeEach(() => {
    requests.length = 0;
    server.events.on('request:start', ({ request }) => {
      requests.push(request.clone());
    });
  });
  afterEach(() => {
    server.resetHandlers();
    server.events.removeAllListeners();
  });

  function reader(options: { maxPlanBytes?: number; timeoutMs?: number } = {}) {
    return GithubPlanHistoryReader.fromConfig(config, {
      maxPlanBytes: options.maxPlanBytes ?? 1024,
      timeoutMs: options.timeoutMs,
    });
  }

  /** The commit list in two pages of two, linked as GitHub links them. */
  const twoPages = http.get(`${API}/commits`, ({ request }) => {
    const url = new URL(request.url);
    const link = (page: number, rel: string) => {
      const target = new URL(url);
      target.searchParams.set('page', String(page));
      return `<${target.href}>; rel="${rel}"`;
    };
    if (url.searchParams.get('page') === '2') {
      return HttpResponse.json(page2, {
        headers: { link: `${link(1, 'prev')}, ${link(1, 'first')}` },
      });
    }
    return HttpResponse.json(page1, {
      headers: { link: `${link(2, 'next')}, ${link(2, 'last')}` },
    });
  });

  const contents = http.get(`${API}/contents/data/PLAN.md`, ({ request }) => {
    const ref = new URL(request.url).searchParams.get('ref') ?? '';
    return TEXTS[ref] === undefined
      ? HttpResponse.json({ message: 'Not Found' }, { status: 404 })
      : raw(TEXTS[ref]);
  });

  it('reads every version over two pages, newest first, with the integration token', async () => {
    server.use(twoPages, contents);

    const result = await reader().read(source(), { limit: 10 });

    expect(result).toEqual({
      versions: [
        {
          commit: D,
          committedAt: '2024-03-04T10:00:00.000Z',
          author: 'Ana',
          text: '# Plan v4\n',
        },
        {
          commit: C,
          committedAt: '2024-03-03T08:00:00.000Z',
          author: 'Ben',
          text: '# Plan v3\n',
        },
        {
          commit: B,
          committedAt: '2024-03-02T10:00:00.000Z',
          author: 'Ana',
          text: '# Plan v2\n',
        },
        {
          commit: A,
          committedAt: '2024-03-01T10:00:00.000Z',
          author: 'Ben',
          text: '# Plan v1\n',
        },
      ],
      skipped: [],
      complete: true,
    });
    const first = new URL(requests[0].url);
    expect(Object.fromEntries(first.searchParams)).toEqual({
      path: 'data/PLAN.md',
      sha: 'main',
      per_page: '10',
    });
    expect(requests.map(r => new URL(r.url).searchParams.get('ref'))).toEqual([
      null,
      null,
      D,
      C,
      B,
      A,
    ]);
    for (const request of requests) {
      expect(request.headers.get('authorization')).toBe('Bearer gh-token');
    }
    expect(requests[2].headers.get('accept')).toBe(
      'application/vnd.github.raw',
    );
  });

  it('stops at the limit across pages, reading no more contents than it keeps', async () => {
    server.use(twoPages, contents);

    const result = await reader().read(source(), { limit: 3 });

    expect(result).toMatchObject({
      versions: [{ commit: D }, { commit: C }, { commit: B }],
      complete: false,
    });
    expect(requests).toHaveLength(2 + 3);
    expect(new URL(requests[0].url).searchParams.get('per_page')).toBe('3');
  });

  it('stops at the limit within the first page, fetching no second page', async () => {
    server.use(twoPages, contents);

    const result = await reader().read(source(), { limit: 1 });

    expect(result).toMatchObject({
      versions: [{ commit: D }],
      complete: false,
    });
    expect(requests.map(r => new URL(r.url).pathname)).toEqual([
      '/repos/acme/orders/commits',
      '/repos/acme/orders/contents/data/PLAN.md',
    ]);
  });

  it('reads a GitHub Enterprise host through its apiBaseUrl with its own token', async () => {
    server.use(
      http.get('https://ghe.example.com/api/v3/repos/acme/orders/commits', () =>
        HttpResponse.json(page2.slice(0, 1)),
      ),
      http.get(
        'https://ghe.example.com/api/v3/repos/acme/orders/contents/data/PLAN.md',
        () => raw('# Plan on GHE\n'),
      ),
    );

    const result = await reader().read(
      source('https://ghe.example.com/acme/orders/blob/main/data/PLAN.md'),
      { limit: 10 },
    );

    expect(result).toEqual({
      versions: [
        {
          commit: B,
          committedAt: '2024-03-02T10:00:00.000Z',
          author: 'Ana',
          text: '# Plan on GHE\n',
        },
      ],
      skipped: [],
      complete: true,
    });
    expect(requests.map(r => r.headers.get('authorization'))).toEqual([
      'Bearer ghe-token',
      'Bearer ghe-token',
    ]);
  });

  it('rejects a primary rate limit with the reset time, asking once', async () => {
    const reset = Math.floor(Date.UTC(2030, 0, 1) / 1000);
    server.use(
      http.get(`${API}/commits`, () =>
        HttpResponse.json(
          { message: 'API rate limit exceeded for installation ID 1.' },
          {
            status: 403,
            headers: {
              'x-ratelimit-limit': '5000',
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(reset),
            },
          },
        ),
      ),
    );

    const error = await reader()
      .read(source(), { limit: 10 })
      .catch(e => e);

    expect(error).toBeInstanceOf(PlanHistoryRateLimitError);
    expect(error.retryAt).toEqual(new Date(reset * 1000));
    expect(error.message).toBe(
      'github.com refused to give the commit list of acme/orders for its rate limit; try again after 2030-01-01T00:00:00.000Z',
    );
    expect(requests).toHaveLength(1);
  });

  it('rejects a 429 with the time its retry-after gives', async () => {
    server.use(
      twoPages,
      http.get(`${API}/contents/data/PLAN.md`, () =>
        HttpResponse.json(
          { message: 'You have exceeded a secondary rate limit.' },
          { status: 429, headers: { 'retry-after': '120' } },
        ),
      ),
    );
    const before = Date.now();

    const error = await reader()
      .read(source(), { limit: 10 })
      .catch(e => e);

    expect(error).toBeInstanceOf(PlanHistoryRateLimitError);
    expect(error.retryAt.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    expect(error.retryAt.getTime()).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(requests).toHaveLength(3);
  });

  it('says a repository or ref GitHub does not know is unsupported', async () => {
    server.use(
      http.get(`${API}/commits`, () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
    );

    await expect(reader().read(source(), { limit: 10 })).resolves.toEqual({
      unsupported:
        'github.com has no repository acme/orders with a ref main, or its credentials cannot see it',
    });
  });

  it('names a commit that deleted the plan among the skipped', async () => {
    server.use(
      http.get(`${API}/commits`, () => HttpResponse.json(page1)),
      http.get(`${API}/contents/data/PLAN.md`, ({ request }) =>
        new URL(request.url).searchParams.get('ref') === D
          ? HttpResponse.json({ message: 'Not Found' }, { status: 404 })
          : raw(TEXTS[C]),
      ),
    );

    await expect(reader().read(source(), { limit: 10 })).resolves.toEqual({
      versions: [
        {
          commit: C,
          committedAt: '2024-03-03T08:00:00.000Z',
          author: 'Ben',
          text: '# Plan v3\n',
        },
      ],
      skipped: [
        {
          commit: D,
          committedAt: '2024-03-04T10:00:00.000Z',
          reason: 'data/PLAN.md was deleted',
        },
      ],
      complete: true,
    });
  });

  it('skips a content larger than the plan limit, a folder and one that is not a plan', async () => {
    server.use(
      twoPages,
      http.get(`${API}/contents/data/PLAN.md`, ({ request }) => {
        const ref = new URL(request.url).searchParams.get('ref');
        if (ref === D) return raw('x'.repeat(1025));
        if (ref === C)
          return HttpResponse.json([{ type: 'file', name: 'a.md' }]);
        if (ref === B) return raw('<!DOCTYPE html><html></html>');
        return raw(TEXTS[A]);
      }),
    );

    const result = await reader().read(source(), { limit: 10 });

    expect(result).toEqual({
      versions: [
        {
          commit: A,
          committedAt: '2024-03-01T10:00:00.000Z',
          author: 'Ben',
          text: '# Plan v1\n',
        },
      ],
      skipped: [
        {
          commit: D,
          committedAt: '2024-03-04T10:00:00.000Z',
          reason: 'data/PLAN.md is larger than the 1024-byte limit for a plan',
        },
        {
          commit: C,
          committedAt: '2024-03-03T08:00:00.000Z',
          reason: 'data/PLAN.md is not a file in this commit',
        },
        {
          commit: B,
          committedAt: '2024-03-02T10:00:00.000Z',
          reason: 'data/PLAN.md is an HTML page, not a plan',
        },
      ],
      complete: true,
    });
  });

  it.each([
    [
      'not JSON',
      () =>
        new HttpResponse('{"sha": ', {
          headers: { 'content-type': 'application/json' },
        }),
      'the body is not JSON',
    ],
    [
      'not an array',
      () => HttpResponse.json({ message: 'hello' }),
      'the body is not an array',
    ],
    [
      'an entry without a SHA',
      () => HttpResponse.json([page1[0], { commit: {} }]),
      '[1].sha is not a commit SHA',
    ],
    [
      'an entry without a date',
      () =>
        HttpResponse.json([
          { ...page1[0], commit: { ...page1[0].commit, committer: null } },
        ]),
      '[0].commit.committer.date is not a date',
    ],
  ])(
    'rejects a commit list that is %s, saying so',
    async (_, answer, reason) => {
      server.use(http.get(`${API}/commits`, answer));

      await expect(
        reader().read(source(), { limit: 10 }),
      ).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: `github.com answered the commit list of acme/orders with a body that is not a commit list: ${reason}`,
      });
    },
  );

  it('does not follow a next link off the API, where the token would go', async () => {
    server.use(
      http.get(`${API}/commits`, () =>
        HttpResponse.json(page1, {
          headers: {
            link: '<https://evil.example.com/steal?page=2>; rel="next"',
          },
        }),
      ),
    );

    await expect(reader().read(source(), { limit: 10 })).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'github.com answered the commit list of acme/orders with a next page outside its API',
    });
    expect(requests).toHaveLength(1);
  });

  it('stops at a next page that repeats the commits already listed, instead of looping', async () => {
    server.use(
      http.get(`${API}/commits`, ({ request }) => {
        const next = new URL(request.url);
        next.searchParams.set(
          'page',
          String(Number(next.searchParams.get('page') ?? 1) + 1),
        );
        // Every page is the first again, each linking to one more.
        return HttpResponse.json(page1, {
          headers: { link: `<${next.href}>; rel="next"` },
        });
      }),
    );

    await expect(reader().read(source(), { limit: 50 })).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'github.com answered the commit list of acme/orders with a page of commits it had already listed',
    });
    expect(requests).toHaveLength(2);
  });

  it('rejects other refusals as not allowed', async () => {
    server.use(
      http.get(`${API}/commits`, () =>
        HttpResponse.json(
          { message: 'Resource not accessible by integration' },
          { status: 403, headers: { 'x-ratelimit-remaining': '4999' } },
        ),
      ),
    );

    await expect(reader().read(source(), { limit: 10 })).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('gives up when its time budget runs out', async () => {
    server.use(
      http.get(`${API}/commits`, async () => {
        await delay('infinite');
        return HttpResponse.json([]);
      }),
    );

    await expect(
      reader({ timeoutMs: 50 }).read(source(), { limit: 10 }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'Reading the history of data/PLAN.md from github.com timed out after 50 ms',
    });
  });

  it("stops when the caller's signal aborts", async () => {
    server.use(twoPages, contents);
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));

    await expect(
      reader().read(source(), { limit: 10, signal: controller.signal }),
    ).rejects.toThrow('shutting down');
  });

  it.each([
    [
      'a host without a GitHub integration',
      'https://gitlab.com/acme/orders/-/blob/main/PLAN.md',
    ],
    ['a URL that names no file on a ref', 'https://github.com/acme/orders'],
  ])('says %s is unsupported', async (_, location) => {
    await expect(
      reader().read(source(location), { limit: 10 }),
    ).resolves.toEqual({
      unsupported: expect.any(String),
    });
    expect(requests).toHaveLength(0);
  });
});
