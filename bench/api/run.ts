/**
 * bench/api: the data-plan API under load, on PostgreSQL, against a real backend (catalog,
 * permission, auth and data-plan plugins) holding PROJECTS data-project entities with stored
 * plans, read by 20 users whose ownership-based conditional catalog access covers about 10%
 * each. Per query shape: autocannon, 10 connections, DURATION seconds; p50/p95 warm and the
 * first request with the user's visibility not yet cached (cold), as ratios to GET /health
 * and to the catalog's own GET /entities/by-query (same user, same page size) of the same
 * run. Then the same shapes again, each while a full re-parse runs (the stored rows' parser
 * version set one lower before the cycle, as a PARSER_VERSION bump does). Then
 * refresh cycles: the first read, the unchanged plans, a policy change (every stored
 * result under another policy hash: evaluated again, none read), an edit of 1% of the plans
 * (each a status change its owners are told of), and a parser upgrade. Notifications are on:
 * each cycle says the rows it added to the notice outbox and the notifications it sent.
 * History is seeded to a year of about 20 changes per project before the latency shapes,
 * so that GET /plans/trends and /history read what they would after a year of use; their
 * p95 is also given as a ratio to the first page of the list.
 *
 *   yarn bench:api                         (PostgreSQL at 127.0.0.1:5432, 10,000 projects)
 *   PROJECTS=2000 DURATION=10 yarn bench:api
 *   PROJECTS=500 DURATION=5 yarn bench:api     (a small run)
 *   BENCH_POSTGRES=postgresql://user@host:5432 yarn bench:api
 *   SHAPES=facets,export.csv BENCH_PROFILE=/tmp/profile yarn bench:api
 *   BENCH_LATENCY_ONLY=1 yarn bench:api        (the idle latency shapes only, no re-parse)
 *   BENCH_REPOSITORY_ONLY=1 yarn bench:api     (the repository cycles only)
 *
 * Last, on a backend of its own with repository checks on, the repository cycles (see
 * repositoryCycles.ts); BENCH_REPOSITORY=0 leaves them out.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEAMS, CycleStats } from './benchModules';
import {
  BenchBackend,
  sleep,
  startBenchBackend,
  waitForCatalog,
} from './backendProcess';
import {
  DOMAINS,
  editStatuses,
  generateProjects,
  generateTeams,
  projectName,
  repositoryProjects,
} from './projects';
import { PARSER_VERSION } from '@dataplan/plugin-data-plan-common';
import { repositoryCycles } from './repositoryCycles';

const PROJECTS = Number(process.env.PROJECTS ?? 10_000);
const USERS = 20;
const CONNECTIONS = 10;
const DURATION = Number(process.env.DURATION ?? 30);
const PAGE = 50;
/** A year of history per project: about 20 changes, one every 18 days. */
const HISTORY_ROWS = 20;
const HISTORY_EVERY_DAYS = 18;
const postgres =
  process.env.BENCH_POSTGRES ?? 'postgresql://postgres@127.0.0.1:5432';
const repoRoot = resolve(__dirname, '../..');

/** BENCH_REPOSITORY=0: no repository cycles; BENCH_REPOSITORY_ONLY=1: nothing else. */
const REPOSITORY = process.env.BENCH_REPOSITORY !== '0';
const REPOSITORY_ONLY = Boolean(process.env.BENCH_REPOSITORY_ONLY);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

const HEALTH = 'baseline: GET /health';
const ANCHOR = 'anchor: catalog by-query';

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'dataplan-bench-api-'));
  console.log(
    `bench/api: ${PROJECTS} data projects, ${USERS} users, PostgreSQL`,
  );
  const started = Date.now();
  const entities = [
    ...generateProjects(repoRoot, root, PROJECTS),
    ...generateTeams(root, USERS),
  ];
  console.log(`  wrote ${PROJECTS} plans in ${Date.now() - started} ms`);

  try {
    if (!REPOSITORY_ONLY) {
      const backend = await startBenchBackend({
        root,
        postgres,
        name: 'plans',
        entities,
        dataPlan: {
          rootDir: root,
          planRoots: ['projects'],
          notifications: { enabled: true },
          // The plan-only cycles: repository checks are a cycle of their own, below.
          repository: { enabled: false },
          refresh: {
            schedule: {
              frequency: { trigger: 'manual' },
              timeout: { minutes: 30 },
            },
          },
        },
      });
      try {
        await planCycles(backend, root);
      } finally {
        await backend.stop();
      }
    }
    if (REPOSITORY || REPOSITORY_ONLY) {
      await repositoryCycles({
        root,
        postgres,
        projects: PROJECTS,
        ...repositoryProjects(repoRoot, root, PROJECTS),
        teams: generateTeams(root, USERS),
      });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The plan-only cycles and the latency shapes, on a backend without repository checks. */
async function planCycles(backend: BenchBackend, root: string) {
  const { baseUrl, get, token } = backend;
  const plugin = backend.pluginDatabase('data-plan');
  const notifications = backend.pluginDatabase('notifications');
  await waitForCatalog(backend, PROJECTS);

  const outboxRows = async () => {
    const [{ n }] = await plugin('data_plan_notices').count({ n: '*' });
    return Number(n);
  };
  async function refreshCycle(): Promise<CycleStats> {
    const rowsBefore = await outboxRows();
    const stats = await backend.refreshCycle();
    // Rows the cycle added to the outbox: the notices it recorded, sent or not.
    return { ...stats, outboxWrites: (await outboxRows()) - rowsBefore };
  }
  /** A cycle; `tellsNothing` flags one that recorded or sent a notice, which it must not. */
  const printCycle = (
    label: string,
    stats: CycleStats,
    options: { tellsNothing?: boolean } = {},
  ) => {
    const notices = stats.outboxWrites + (stats.notificationsSent ?? 0);
    console.log(
      `  ${label.padEnd(34)} parses ${String(stats.parses).padStart(
        6,
      )}  downloads ${String(stats.downloads).padStart(6)}  writes ${String(
        stats.writes,
      ).padStart(6)}  evaluations ${String(stats.evaluations).padStart(
        6,
      )}  catalog calls ${String(stats.catalogCalls).padStart(
        3,
      )}  outbox writes ${String(stats.outboxWrites).padStart(
        5,
      )}  notifications sent ${String(stats.notificationsSent ?? 0).padStart(
        5,
      )}  wall ${(stats.durationMs / 1000).toFixed(2)} s${
        options.tellsNothing && notices > 0
          ? '  NOTICES WHERE NONE ARE DUE'
          : ''
      }`,
    );
  };

  console.log('\nrefresh cycles');
  const first = await refreshCycle();
  printCycle('first read (baseline)', first, { tellsNothing: true });
  const unchanged = await refreshCycle();
  printCycle('unchanged plans', unchanged, { tellsNothing: true });

  // History as a project builds it over a year: HISTORY_ROWS rows, one every
  // HISTORY_EVERY_DAYS days.
  await plugin.raw(
    `INSERT INTO data_plan_history (entity_ref, recorded_at, status, plan_version, summary_json)
       SELECT h.entity_ref, h.recorded_at - g * ? * interval '1 day', h.status, h.plan_version, h.summary_json
       FROM data_plan_history h CROSS JOIN generate_series(1, ?) g`,
    [HISTORY_EVERY_DAYS, HISTORY_ROWS - 1],
  );
  await plugin.raw('ANALYZE data_plan_history');

  // A policy change: every stored result was evaluated under another policy, as after
  // an edit of dataPlan.policy. The stored plans are evaluated again, none read.
  await plugin('data_plan_projects').update({ policy_hash: 'bench-before' });
  printCycle('after a policy change', await refreshCycle(), {
    tellsNothing: true,
  });
  printCycle('unchanged after it', await refreshCycle(), {
    tellsNothing: true,
  });

  // Authors move 1% of the plans to their next status: one notice each, sent to the
  // members of the owning team.
  const edited = editStatuses(root, PROJECTS, Math.ceil(PROJECTS / 100));
  printCycle(`after editing ${edited} plans`, await refreshCycle());
  const [{ n: delivered }] = await notifications('notification').count({
    n: '*',
  });
  console.log(
    `  the owning teams' members hold ${delivered} notifications (${
      USERS / TEAMS
    } members a team)`,
  );
  printCycle('unchanged after the edits', await refreshCycle(), {
    tellsNothing: true,
  });

  // Visibility: each user reads about 10% of the projects.
  const users = Array.from({ length: USERS }, (_, i) => `bench-${i}`);
  const visible = await (
    await get(users[0], '/api/data-plan/plans?limit=1')
  ).json();
  console.log(
    `\nlatency (${CONNECTIONS} connections, ${DURATION} s per shape; ${users[0]} sees ${visible.totalCount} of ${PROJECTS} projects)`,
  );

  // The last page of each user, by walking the cursors.
  const lastCursor = new Map<number, string>();
  for (let u = 0; u < TEAMS; u++) {
    let cursor: string | undefined;
    let previous: string | undefined;
    do {
      const query: string = cursor
        ? `&cursor=${encodeURIComponent(cursor)}`
        : '';
      const page = await (
        await get(users[u], `/api/data-plan/plans?limit=${PAGE}${query}`)
      ).json();
      previous = cursor;
      cursor = page.nextCursor;
    } while (cursor);
    if (previous) lastCursor.set(u, previous);
  }

  const shapes: Array<[string, (u: number) => string]> = [
    [HEALTH, () => '/api/data-plan/health'],
    // What users compare us with: the catalog's own list, same user and page size.
    [
      ANCHOR,
      () =>
        `/api/catalog/entities/by-query?filter=kind=component,spec.type=data-project&limit=${PAGE}`,
    ],
    ['first page', () => `/api/data-plan/plans?limit=${PAGE}`],
    [
      'owner filter',
      u =>
        `/api/data-plan/plans?limit=${PAGE}&owner=group:default/team-${u % 10}`,
    ],
    [
      'status + severity',
      () =>
        `/api/data-plan/plans?limit=${PAGE}&status=IN_PROGRESS&severity=error`,
    ],
    [
      'text search',
      u =>
        `/api/data-plan/plans?limit=${PAGE}&text=${
          DOMAINS[u % DOMAINS.length]
        }`,
    ],
    [
      'last page by cursor',
      u => {
        // Only one page: the first is the last.
        const cursor = lastCursor.get(u % TEAMS);
        const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        return `/api/data-plan/plans?limit=${PAGE}${query}`;
      },
    ],
    ['facets', () => '/api/data-plan/plans/facets'],
    ['export.csv', () => '/api/data-plan/plans/export.csv'],
    ['trends 90 days', () => '/api/data-plan/plans/trends'],
    [
      'trends a year by week',
      () =>
        `/api/data-plan/plans/trends?interval=week&from=${new Date(
          Date.now() - 364 * 24 * 3600 * 1000,
        )
          .toISOString()
          .slice(0, 10)}`,
    ],
    [
      'trends by week owner filter',
      u =>
        `/api/data-plan/plans/trends?interval=week&owner=group:default/team-${
          u % 10
        }`,
    ],
    [
      'history of one project',
      u =>
        `/api/data-plan/plans/by-entity/component/default/${projectName(
          u % TEAMS,
        )}/history`,
    ],
  ];
  // SHAPES=facets,export.csv: only these (and /health and the catalog anchor).
  const only = process.env.SHAPES?.split(',');
  const selected = shapes.filter(
    ([name], index) => index < 2 || !only || only.includes(name),
  );

  const userTokens = await Promise.all(users.map(token));
  async function load(pathFor: (u: number) => string) {
    const times: number[] = [];
    let failures = 0;
    let next = 0;
    const instance = autocannon(
      {
        url: baseUrl,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [
          {
            setupRequest: request => {
              const u = next++ % USERS;
              return {
                ...request,
                path: pathFor(u),
                headers: {
                  ...request.headers,
                  authorization: `Bearer ${userTokens[u]}`,
                },
              };
            },
          },
        ],
      },
      () => {},
    );
    instance.on('response', (_client, status, _bytes, time) => {
      times.push(time);
      if (status >= 300) failures++;
    });
    await once(instance, 'done');
    times.sort((a, b) => a - b);
    return {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      requests: times.length,
      failures,
    };
  }

  const idle = new Map<string, Awaited<ReturnType<typeof load>>>();
  for (const [index, [name, pathFor]] of selected.entries()) {
    // Cold: a user of the same team who has made no request yet.
    const coldUser = `bench-${100 + index * 10 + (index % 10)}`;
    await token(coldUser);
    const coldStart = performance.now();
    await (await get(coldUser, pathFor(index % 10))).arrayBuffer();
    const cold = performance.now() - coldStart;

    const result = await load(pathFor);
    idle.set(name, result);
    const firstPage = idle.get('first page');
    const againstFirstPage =
      firstPage && /^(trends|history)/.test(name)
        ? `, ${(result.p95 / firstPage.p95).toFixed(2)}x first page`
        : '';
    const ratios =
      index === 0
        ? ''
        : `  p95 ${(result.p95 / idle.get(HEALTH)!.p95).toFixed(1)}x /health${
            index === 1
              ? ''
              : `, ${(result.p95 / idle.get(ANCHOR)!.p95).toFixed(2)}x catalog`
          }${againstFirstPage}`;
    console.log(
      `  ${name.padEnd(26)} p50 ${ms(result.p50)}  p95 ${ms(
        result.p95,
      )}  cold ${ms(cold)}  ${String(result.requests).padStart(6)} req${
        result.failures ? `  ${result.failures} FAILED` : ''
      }${ratios}`,
    );
  }

  if (process.env.BENCH_LATENCY_ONLY) return;

  // A parser upgrade: the stored plans were parsed by the previous parser version.
  const bumpParserVersion = () =>
    plugin('data_plan_projects').update({
      parser_version: plugin.raw('parser_version - 1'),
    });
  // The same shapes while a full re-parse runs: for each shape, a cycle that
  // re-parses every plan, measured from the moment it has parsed its first plan.
  console.log(
    `\nlatency during a full re-parse (one re-parse cycle per shape)`,
  );
  const reparsed = async () => {
    const [{ n }] = await plugin('data_plan_projects')
      .where({ parser_version: PARSER_VERSION })
      .count({ n: '*' });
    return Number(n);
  };
  for (const [name, pathFor] of selected) {
    await bumpParserVersion();
    const cycle = refreshCycle();
    while ((await reparsed()) === 0) await sleep(50);
    const from = Date.now();
    const result = await load(pathFor);
    const to = Date.now();
    const stats = await cycle;
    // The share of the shape's window the re-parse lasted.
    const covered = (Math.min(to, stats.endedAt) - from) / (to - from);
    const before = idle.get(name)!;
    console.log(
      `  ${name.padEnd(26)} p50 ${ms(result.p50)}  p95 ${ms(
        result.p95,
      )}  idle p95 ${ms(before.p95)}  during/idle ${(
        result.p95 / before.p95
      ).toFixed(1)}x  ${String(result.requests).padStart(6)} req  ${(
        100 * covered
      ).toFixed(0)}% in the re-parse (${stats.parses} plans, ${(
        stats.durationMs / 1000
      ).toFixed(1)} s)${result.failures ? `  ${result.failures} FAILED` : ''}`,
    );
  }

  await bumpParserVersion();
  console.log('');
  printCycle('after a PARSER_VERSION bump', await refreshCycle(), {
    tellsNothing: true,
  });
  printCycle('unchanged again', await refreshCycle(), { tellsNothing: true });
  console.log(
    `\ngoals: trends p95 <= 2x the first page; a policy change 0 downloads, ${PROJECTS} evaluations; p95 < 100 ms warm, cold < 1 s; list and facet p95 <= 3x /health, export.csv <= 5x; p95 during a full re-parse <= 2x idle; unchanged cycle 0 parses / 0 downloads / 0 writes; every cycle but the edit's 0 outbox writes / 0 notifications sent, the edit's one of each per edited plan; ${PROJECTS} parses after a parser bump`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
