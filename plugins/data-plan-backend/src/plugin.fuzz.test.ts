import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  PLAN_LIST_LIMITS,
  PLAN_SORT_KEYS,
  PLAN_STATUSES,
  SEVERITIES,
  SORT_ORDERS,
} from '@dataplan/plugin-data-plan-common';
import fc from 'fast-check';
import { Server } from 'node:http';
import request from 'supertest';
import { encodeCursor } from './service/planListQuery';
import {
  copySampleProject,
  dataProjectEntity,
} from './__testUtils__/sampleProjects';
import { dataPlanPlugin } from './plugin';
import { createTestDatabases } from './__testUtils__/testDatabases';

/*
 * Hostile requests at every route, through the real backend on each database: no answer
 * may be a server error, and no error may show SQL, the database or a stack trace.
 */

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);
const RUNS = 100;
/** A budget for the backend's start, or one property's runs, on a busy machine: not a speed check. */
const BUDGET_MS = 60_000;
const MAX_PLAN_BYTES = 65536;

const root = createMockDirectory();
root.clear();
copySampleProject(root, 'sales-orders');
const salesOrders: Entity = dataProjectEntity(root, 'sales-orders');

/** What an error body must never contain: SQL, the database's name, a stack frame. */
const LEAKS =
  /\bselect\b.*\bfrom\b|\binsert into\b|\bdelete from\b|knex|sqlite|postgres|^\s*at \S|\(\S+:\d+:\d+\)/im;
const leaks = (s: string) => LEAKS.test(s);

const PARAMETERS = [
  'owner',
  'status',
  'severity',
  'unmitigatedHighRisk',
  'text',
  'sort',
  'order',
  'limit',
  'cursor',
];
const INHERITED = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
];

/** Text the URL may carry as it is: some reserved characters, and percent signs. */
const rawPart = fc.string({
  unit: fc.constantFrom(
    ..."aZ09-_.~!*'();:@+$,/?[]%=&".split(''),
    '%00',
    '%zz',
    '%E0%A4%A',
    '%C0%AF',
    '%F0%9F%98',
    '%2',
    '%%',
  ),
  maxLength: 24,
});

const cursorValue = fc.oneof(
  fc.jsonValue(),
  fc.tuple(fc.jsonValue(), fc.jsonValue()),
  fc.tuple(
    fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean()),
    fc.string(),
  ),
);
const craftedCursor = fc.oneof(
  cursorValue.map(v =>
    Array.isArray(v) && v.length === 2
      ? encodeCursor(v[0], v[1] as string)
      : Buffer.from(JSON.stringify(v) ?? '').toString('base64url'),
  ),
  // Of the right shape for some sort, with odd values.
  fc
    .tuple(
      fc.oneof(
        fc.integer(),
        fc.constantFrom(2 ** 31 - 1, -(2 ** 31), 2 ** 53 - 1, 0),
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map(String),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.date({ noInvalidDate: true }).map(d => d.toISOString()),
      ),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    )
    .map(([v, ref]) => encodeCursor(v, ref)),
);

const value = fc.oneof(
  fc.constantFrom(
    ...INHERITED,
    'worst',
    'name',
    'risk',
    'refreshed',
    'asc',
    'desc',
    'DRAFT',
    'COMPLETE',
    'error',
    'true',
    'false',
    '',
    '0',
    '-1',
    '501',
    '1.5',
    '1e3',
    'NaN',
    'Infinity',
    '9'.repeat(400),
    'group:default/sales-analytics',
  ),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.constant('x'.repeat(20_000)),
  craftedCursor,
);
const key = fc.oneof(
  fc.constantFrom(...PARAMETERS, ...INHERITED),
  fc.constantFrom(...PARAMETERS, ...INHERITED).map(k => `${k}[]`),
  fc
    .tuple(
      fc.constantFrom(...PARAMETERS, ...INHERITED),
      fc.constantFrom(...INHERITED, 'a', '0', ''),
    )
    .map(([k, sub]) => `${k}[${sub}]`),
  fc.string({ maxLength: 12 }),
);

/** One `key=value` of a query string: encoded as a client would, or raw garbage. */
const pair = fc.oneof(
  fc.tuple(key, value).map(([k, v]) => `${encode(k)}=${encode(v)}`),
  fc.tuple(key, rawPart).map(([k, v]) => `${encode(k)}=${v}`),
  rawPart,
);
// Repeats a parameter often (`a=1&a=2`).
const anyQuery = fc
  .array(pair, { maxLength: 8 })
  .chain(pairs =>
    fc.subarray(pairs).map(repeated => [...pairs, ...repeated].join('&')),
  );
// A query the spec accepts, with odd text and crafted cursors: these reach the SQL.
const listQuery = fc
  .record(
    {
      owner: fc
        .array(fc.string({ unit: 'grapheme', maxLength: 30 }), {
          maxLength: 3,
        })
        .map(owners => owners.join(',')),
      status: fc
        .subarray([...PLAN_STATUSES], { minLength: 1 })
        .map(statuses => statuses.join(',')),
      severity: fc.constantFrom(...SEVERITIES),
      unmitigatedHighRisk: fc.constantFrom('true', 'false'),
      text: fc.string({ unit: 'grapheme', maxLength: 60 }),
      sort: fc.constantFrom(...PLAN_SORT_KEYS, ...INHERITED),
      order: fc.constantFrom(...SORT_ORDERS),
      limit: fc
        .integer({ min: 1, max: PLAN_LIST_LIMITS.maxPageSize })
        .map(String),
      cursor: craftedCursor,
    },
    { requiredKeys: [] },
  )
  .map(query =>
    Object.entries(query)
      .map(([k, v]) => `${k}=${encode(v)}`)
      .join('&'),
  );
// Keeps clear of the words the check looks for, which an error may echo.
const queryString = fc
  .oneof(anyQuery, { arbitrary: listQuery, weight: 3 })
  .filter(q => !leaks(decodeURIComponentSafe(q)));

/** encodeURIComponent, also of text with a lone surrogate (which it refuses). */
function encode(s: string) {
  return encodeURIComponent(
    s.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  );
}

function decodeURIComponentSafe(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const segment = fc.oneof(
  fc.constantFrom('component', 'default', 'sales-orders', ...INHERITED),
  fc.string({ maxLength: 40 }).map(encode),
  rawPart.map(s => s.replace(/[/?#]/g, '')),
);
const entityPath = fc.oneof(
  fc.constant('component/default/sales-orders'),
  fc.tuple(segment, segment, segment).map(parts => parts.join('/')),
);

const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
);
const bodyText = fc.oneof(
  fc.json(),
  fc.jsonValue().map(v => JSON.stringify({ text: v })),
  fc
    .record(
      { text: fc.string({ maxLength: 200 }), extra: fc.jsonValue() },
      { requiredKeys: [] },
    )
    .map(v => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constant(JSON.stringify({ text: 'x'.repeat(MAX_PLAN_BYTES + 1) })),
  fc.constant(JSON.stringify({ text: 'x'.repeat(MAX_PLAN_BYTES + 2048) })),
  fc.constant('{"text": "unterminated'),
  fc.constant('{"__proto__": {"text": "a"}, "constructor": {"prototype": {}}}'),
);
const body = fc.oneof(fc.constant(undefined), fc.tuple(contentType, bodyText), {
  arbitrary: fc.tuple(
    fc.constant('application/json'),
    fc
      .string({ unit: 'grapheme', maxLength: 2000 })
      .map(text => JSON.stringify({ text })),
  ),
  weight: 2,
});
/** Mostly none: a query on a route without parameters is refused before anything else. */
const rareQuery = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  queryString,
);

/** The parts of a response that the server wrote itself (not the request it echoes). */
function written(res: request.Response): string {
  if (res.type === 'application/json' && res.body?.error) {
    const { request: _echo, ...rest } = res.body;
    return JSON.stringify(rest);
  }
  return res.text ?? '';
}

describe.each(databases.eachSupportedId())(
  'every route on %s, under hostile input',
  databaseId => {
    let server: Server;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          dataPlanPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: [salesOrders] }),
          mockServices.rootConfig.factory({
            data: {
              dataPlan: {
                rootDir: root.path,
                planRoots: ['projects'],
                maxPlanBytes: MAX_PLAN_BYTES,
              },
            },
          }),
        ],
      }));
      // A stored plan, so that the list has rows to sort and page through.
      const first = await request(server)
        .get('/api/data-plan/plans/by-entity/component/default/sales-orders')
        .set('Authorization', mockCredentials.user.header());
      if (first.status !== 200) {
        throw new Error(`The plan could not be read: ${first.text}`);
      }
    }, BUDGET_MS);

    async function send(
      method: 'get' | 'post',
      path: string,
      sent?: [string | undefined, string],
    ) {
      let req = request(server)
        [method](`/api/data-plan${path}`)
        .set('Authorization', mockCredentials.user.header());
      if (sent) {
        const [type, text] = sent;
        if (type) req = req.set('Content-Type', type);
        req = req.send(text);
      }
      return await req;
    }

    /** What a response must be: below 500, and an error without SQL, database or stack. */
    const FINE = { status: 'below 500', shows: 'nothing internal' };
    function verdict(res: request.Response) {
      const shown = written(res);
      return {
        status: res.status < 500 ? FINE.status : res.status,
        shows: res.status >= 400 && leaks(shown) ? shown : FINE.shows,
      };
    }

    it.each(['/plans', '/plans/facets', '/plans/export.csv', '/health'])(
      'answers GET %s with any query, never a server error',
      async route => {
        await fc.assert(
          fc.asyncProperty(queryString, async q => {
            const res = await send('get', `${route}?${q}`);
            expect(verdict(res)).toEqual(FINE);
          }),
          { numRuns: RUNS },
        );
      },
      BUDGET_MS,
    );

    it.each([
      ['get', ''],
      ['post', '/refresh'],
    ] as const)(
      'answers %s /plans/by-entity/…%s with any path, query and body',
      async (method, suffix) => {
        await fc.assert(
          fc.asyncProperty(
            entityPath,
            rareQuery,
            body,
            async (entity, q, sent) => {
              const path = `/plans/by-entity/${entity}${suffix}${
                q === undefined ? '' : `?${q}`
              }`;
              const res = await send(method, path, sent);
              expect(verdict(res)).toEqual(FINE);
            },
          ),
          { numRuns: RUNS },
        );
      },
      BUDGET_MS,
    );

    it(
      'answers POST /lint with any body and query',
      async () => {
        await fc.assert(
          fc.asyncProperty(body, rareQuery, async (sent, q) => {
            const path = `/lint${q === undefined ? '' : `?${q}`}`;
            const res = await send('post', path, sent);
            expect(verdict(res)).toEqual(FINE);
          }),
          { numRuns: RUNS },
        );
      },
      BUDGET_MS,
    );

    it.each([
      ['/plans?sort=constructor', 'sort'],
      ['/plans?sort=__proto__', 'sort'],
      ['/plans?sort=toString', 'sort'],
      ['/plans?sort=name&sort=owner', 'sort'],
      ['/plans?sort[a]=name', 'sort'],
      ['/plans?order=up', 'order'],
      ['/plans?limit=0', 'limit'],
      ['/plans?limit=1.5', 'limit'],
      ['/plans?limit=ten', 'limit'],
      ['/plans?status=DONE', 'status'],
      ['/plans?status[__proto__]=DRAFT', 'status'],
      ['/plans?owner[a]=b', 'owner'],
      ['/plans?text[]=a&text[]=b', 'text'],
      ['/plans/by-entity/a:b/default/x', 'kind'],
      ['/plans/by-entity/component/a%2Fb/x', 'namespace'],
      ['/plans?severity=fatal', 'severity'],
      ['/plans?unmitigatedHighRisk=yes', 'unmitigatedHighRisk'],
      [`/plans?text=${'x'.repeat(201)}`, 'text'],
      ['/plans?text=a%00b', 'text'],
      ['/plans?owner=a%00b', 'owner'],
      ['/plans?cursor=%25%25', 'cursor'],
      [
        `/plans?cursor=${encodeCursor('high', 'component:default/a')}`,
        'cursor',
      ],
      [
        `/plans?sort=refreshed&cursor=${encodeCursor(
          'noon',
          'component:default/a',
        )}`,
        'cursor',
      ],
      ['/plans?size=10', 'size'],
      ['/plans/facets?sort=name', 'sort'],
      ['/plans/export.csv?limit=10', 'limit'],
    ])('answers GET %s with a 400 naming %s', async (path, parameter) => {
      const res = await send('get', path);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(parameter);
      expect(leaks(written(res))).toBe(false);
    });

    it.each([
      ['application/json', '{"text": 42}', 'text'],
      ['application/json', '{"plan": "# Plan"}', 'text'],
      ['application/json', '[]', 'body'],
      ['application/json', '{"text": "', 'body'],
      [
        'application/json',
        JSON.stringify({ text: 'x'.repeat(MAX_PLAN_BYTES + 2048) }),
        'text',
      ],
      ['text/plain', '# Plan', 'media type'],
    ])(
      'answers POST /lint of %s %s with a 400 naming %s',
      async (type, text, named) => {
        const res = await send('post', '/lint', [type, text]);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(named);
        expect(leaks(written(res))).toBe(false);
      },
    );
  },
);
