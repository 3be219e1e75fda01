/**
 * The repository cycles of bench/api: a backend with repository checks on, its projects
 * in repositories on the bench's counting host (benchScm.ts), every URL read through it.
 * The calls of each line are the host's counters over the line's cycle: what the plugin
 * asked of the host, whatever it believes it did (the checker's own figures are compared
 * with them).
 *
 * In order, on a first backend with repository checks off: the first read. Then, on a
 * second backend with them on, over the same databases: a plain refresh of the unchanged
 * plans, which must read no tree (the plan-only cycle the passes are compared with); a check
 * pass of trees not yet known: one listing and the files the rules read per project; the
 * same pass again on unchanged trees: one listing answered NotModified and no file read per
 * project; and a plain refresh again. (With checks on, each plan read for the first time
 * asks for its own check at once, beside the cycle: that first read is not what is measured.)
 */
import { Entity } from '@backstage/catalog-model';
import { startBenchBackend, waitForCatalog } from './backendProcess';
import { CycleStats } from './benchModules';
import { ScmCounts, ScmManifest } from './benchScm';

const COUNTED: Array<keyof ScmCounts> = [
  'search',
  'searchNotModified',
  'fileReads',
  'readUrl',
  'readUrlNotModified',
  'readTree',
];

function difference(after: ScmCounts, before: ScmCounts): ScmCounts {
  return Object.fromEntries(
    COUNTED.map(key => [key, after[key] - before[key]]),
  ) as unknown as ScmCounts;
}

const num = (n: number, width = 6) => String(n).padStart(width);
const perProject = (n: number, projects: number) =>
  (n / projects).toFixed(2).padStart(6);

export async function repositoryCycles(options: {
  root: string;
  postgres: string;
  projects: number;
  entities: Entity[];
  teams: Entity[];
  manifest: ScmManifest;
}) {
  const { root, projects } = options;
  console.log(
    `\nrepository cycles (${projects} projects, each its own repository on the counting host)`,
  );
  const dataPlan = (repository: boolean) => ({
    rootDir: root,
    planRoots: ['projects'],
    refresh: {
      schedule: { frequency: { trigger: 'manual' }, timeout: { minutes: 30 } },
    },
    repository: {
      enabled: repository,
      schedule: { frequency: { trigger: 'manual' }, timeout: { minutes: 30 } },
    },
  });
  const start = (repository: boolean, prefix?: string) =>
    startBenchBackend({
      root,
      postgres: options.postgres,
      name: repository ? 'repository' : 'repository-first-read',
      entities: [...options.entities, ...options.teams],
      scm: options.manifest,
      dataPlan: dataPlan(repository),
      ...(prefix ? { prefix } : {}),
    });
  const reader = await start(false);
  let backend = reader;
  try {
    await waitForCatalog(backend, projects);

    const printRefresh = (
      label: string,
      stats: CycleStats,
      calls: ScmCounts,
      options: { plain?: boolean } = {},
    ) => {
      const treeReads = calls.search + calls.fileReads + calls.readTree;
      const changes = stats.parses + stats.downloads + stats.writes;
      console.log(
        `  ${label.padEnd(36)} parses ${num(stats.parses)}  downloads ${num(
          stats.downloads,
        )}  writes ${num(stats.writes)}  plan reads ${num(
          calls.readUrl,
        )} (${num(calls.readUrlNotModified)} not modified)  tree listings ${num(
          calls.search,
        )}  file reads ${num(calls.fileReads)}  wall ${(
          stats.durationMs / 1000
        ).toFixed(2)} s${
          options.plain && treeReads > 0
            ? '  TREE READS IN A PLAIN REFRESH'
            : ''
        }${
          options.plain && changes > 0
            ? '  DOWNLOADS, PARSES OR WRITES IN AN UNCHANGED CYCLE'
            : ''
        }`,
      );
    };
    const printCheck = (
      label: string,
      stats: CycleStats,
      calls: ScmCounts,
      plain: CycleStats,
      expect?: { search: number; fileReads: number },
    ) => {
      // The checker counts a listing and each file read as one call each.
      const own =
        stats.scmCalls === calls.search + calls.fileReads &&
        stats.fileReads === calls.fileReads;
      const expected =
        !expect ||
        (calls.search === expect.search * projects &&
          calls.fileReads === expect.fileReads * projects);
      console.log(
        `  ${label.padEnd(36)} projects ${num(
          stats.projects,
        )}  not modified ${num(stats.unchanged)}  changed ${num(
          stats.changed,
        )}  errors ${num(stats.errors)}  tree listings ${num(
          calls.search,
        )} (${perProject(calls.search, projects)} a project)  file reads ${num(
          calls.fileReads,
          7,
        )} (${perProject(
          calls.fileReads,
          projects,
        )} a project)  plan reads ${num(calls.readUrl)}  wall ${(
          stats.durationMs / 1000
        ).toFixed(2)} s  ${(stats.durationMs / plain.durationMs).toFixed(
          2,
        )}x a plain refresh${
          own
            ? ''
            : `  THE CHECKER SAYS ${stats.scmCalls} CALLS, ${stats.fileReads} FILE READS`
        }${
          expected
            ? ''
            : `  EXPECTED ${expect!.search} LISTING AND ${
                expect!.fileReads
              } FILE READS A PROJECT`
        }`,
      );
    };
    async function counted<T>(run: () => Promise<T>) {
      const before = await backend.scmCounts();
      const result = await run();
      return { result, calls: difference(await backend.scmCounts(), before) };
    }

    const first = await counted(() => backend.refreshCycle());
    printRefresh('first read (checks off)', first.result, first.calls);
    await reader.stop({ keepDatabases: true });
    backend = await start(true, reader.prefix);
    await waitForCatalog(backend, projects);

    const plain = await counted(() => backend.refreshCycle());
    printRefresh('unchanged plans (plain refresh)', plain.result, plain.calls, {
      plain: true,
    });

    const full = await counted(() => backend.checkCycle());
    printCheck(
      'check pass, trees not yet known',
      full.result,
      full.calls,
      plain.result,
    );
    const again = await counted(() => backend.checkCycle());
    printCheck(
      'check pass, trees unchanged (ETag)',
      again.result,
      again.calls,
      plain.result,
      { search: 1, fileReads: 0 },
    );

    const after = await counted(() => backend.refreshCycle());
    printRefresh('unchanged after the checks', after.result, after.calls, {
      plain: true,
    });
    console.log(
      `\ngoals: a plain refresh 0 tree listings / 0 file reads / 0 parses / 0 writes; a check pass on unchanged trees 1 listing (NotModified) and 0 file reads a project`,
    );
  } finally {
    await backend.stop();
  }
}
