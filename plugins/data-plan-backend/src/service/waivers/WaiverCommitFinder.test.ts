import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { MAX_WAIVERS_BYTES } from '@dataplan/plugin-data-plan-common';
import git from 'isomorphic-git';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import fs from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import page1 from '../history/__fixtures__/github-commits-page-1.json';
import page2 from '../history/__fixtures__/github-commits-page-2.json';
import { PlanHistoryReaders } from '../history/PlanHistoryReaders';
import { parseWaiversText } from './parseWaiversText';
import { HistoryWaiverCommitFinder } from './WaiverCommitFinder';

const WAIVERS_PATH = '.dataplan/waivers.yaml';

/** A waiver file's text with one waiver per risk text, each with the given reason. */
function waiversText(risks: Array<[risk: string, reason: string]>): string {
  return [
    'waivers:',
    ...risks.flatMap(([risk, reason]) => [
      '  - rule: unmitigated-high-risk',
      `    match: { risk: "${risk}" }`,
      `    reason: ${reason}`,
      '    approvedBy: group:default/data-leads',
      "    expires: '2030-01-31'",
    ]),
    '',
  ].join('\n');
}

const config = new ConfigReader({
  integrations: { github: [{ host: 'github.com', token: 'gh-token' }] },
});

describe('HistoryWaiverCommitFinder', () => {
  const root = createMockDirectory();
  const planRoot = () => root.resolve('workspace');

  beforeEach(() => root.clear());

  function finder(limit = 10) {
    return HistoryWaiverCommitFinder.create({
      history: PlanHistoryReaders.fromConfig(config, {
        planRoots: [planRoot()],
        maxPlanBytes: MAX_WAIVERS_BYTES,
      }),
      limit,
      logger: mockServices.logger.mock(),
    });
  }

  describe('in a local git repository', () => {
    const START = Date.UTC(2026, 0, 5) / 1000;

    /** A repository whose commits each write files, by the given author, an hour apart. */
    async function repository(
      dir: string,
      commits: Array<{ author: string; files: Record<string, string> }>,
    ): Promise<string[]> {
      await mkdir(dir, { recursive: true });
      await git.init({ fs, dir, defaultBranch: 'main' });
      const shas = [];
      for (const [index, commit] of commits.entries()) {
        for (const [path, text] of Object.entries(commit.files)) {
          await mkdir(dirname(join(dir, path)), { recursive: true });
          await writeFile(join(dir, path), text);
          await git.add({ fs, dir, filepath: path });
        }
        const who = (name: string) => ({
          name,
          email: 'dev@dataplan.local',
          timestamp: START + index * 3600,
          timezoneOffset: 0,
        });
        shas.push(
          await git.commit({
            fs,
            dir,
            message: `commit ${index}`,
            author: who(commit.author),
            committer: who('ci'),
          }),
        );
      }
      return shas;
    }

    const at = (index: number) =>
      new Date((START + index * 3600) * 1000).toISOString();

    function source(dir: string) {
      return {
        type: 'file' as const,
        location: join(dir, WAIVERS_PATH),
        path: WAIVERS_PATH,
      };
    }

    it('gives each waiver the commit that added it: a later edit of its reason keeps it, a removal and return starts anew', async () => {
      const dir = join(planRoot(), 'orders');
      const current = waiversText([
        ['Late supplier files', 'renewed reason'],
        ['Schema drift', 'accepted'],
        ['Currency gaps', 'back again'],
      ]);
      const shas = await repository(dir, [
        {
          author: 'Ana',
          files: {
            'PLAN.md': '# Plan\n',
            [WAIVERS_PATH]: waiversText([
              ['Late supplier files', 'accepted'],
              ['Currency gaps', 'accepted'],
            ]),
          },
        },
        { author: 'Ben', files: { 'PLAN.md': '# Plan v2\n' } },
        {
          author: 'Cleo',
          files: {
            [WAIVERS_PATH]: waiversText([['Late supplier files', 'accepted']]),
          },
        },
        { author: 'Dev', files: { [WAIVERS_PATH]: current } },
      ]);

      const file = await finder().withCommits(
        source(dir),
        parseWaiversText(current),
      );

      expect(file.commitsUnknown).toBeUndefined();
      expect(file.waivers.map(w => [w.match.risk, w.commit])).toEqual([
        [
          'Late supplier files',
          { sha: shas[0], author: 'Ana', committedAt: at(0) },
        ],
        ['Schema drift', { sha: shas[3], author: 'Dev', committedAt: at(3) }],
        ['Currency gaps', { sha: shas[3], author: 'Dev', committedAt: at(3) }],
      ]);
    });

    it('reads no more commits of the file than its limit: the oldest read stands for older ones', async () => {
      const dir = join(planRoot(), 'orders');
      const text = waiversText([['Late supplier files', 'accepted']]);
      const shas = await repository(dir, [
        { author: 'Ana', files: { [WAIVERS_PATH]: `${text}# one\n` } },
        { author: 'Ben', files: { [WAIVERS_PATH]: `${text}# two\n` } },
        { author: 'Cleo', files: { [WAIVERS_PATH]: text } },
      ]);

      const file = await finder(2).withCommits(
        source(dir),
        parseWaiversText(text),
      );

      expect(file.waivers[0].commit).toEqual({
        sha: shas[1],
        author: 'Ben',
        committedAt: at(1),
      });
    });

    it('gives no commit to a waiver not committed yet', async () => {
      const dir = join(planRoot(), 'orders');
      await repository(dir, [
        {
          author: 'Ana',
          files: { [WAIVERS_PATH]: waiversText([['Schema drift', 'x']]) },
        },
      ]);
      const text = waiversText([['Late supplier files', 'accepted']]);

      const file = await finder().withCommits(
        source(dir),
        parseWaiversText(text),
      );

      expect(file.waivers[0].commit).toBeUndefined();
      expect(file.commitsUnknown).toBeUndefined();
    });

    it('says why the commits are unknown in a folder that is no repository', async () => {
      const dir = join(planRoot(), 'plain');
      await mkdir(join(dir, '.dataplan'), { recursive: true });
      const text = waiversText([['Late supplier files', 'accepted']]);
      await writeFile(join(dir, WAIVERS_PATH), text);

      const file = await finder().withCommits(
        source(dir),
        parseWaiversText(text),
      );

      expect(file.waivers[0].commit).toBeUndefined();
      expect(file.commitsUnknown).toEqual(expect.any(String));
    });

    it('says why in fixed words, never with the error, which names absolute paths', async () => {
      const logger = mockServices.logger.mock();
      const failing = HistoryWaiverCommitFinder.create({
        history: {
          read: async () => {
            throw new Error(
              "EACCES: permission denied, realpath '/srv/secret/repo/.git'",
            );
          },
        },
        limit: 10,
        logger,
      });
      const text = waiversText([['Late supplier files', 'accepted']]);

      const file = await failing.withCommits(
        source(join(planRoot(), 'orders')),
        parseWaiversText(text),
      );

      expect(file.commitsUnknown).toBe(
        "the waiver file's history cannot be read now",
      );
      expect(logger.warn).toHaveBeenCalledTimes(1);
    });
  });

  describe('on GitHub', () => {
    const API = 'https://api.github.com/repos/acme/orders';
    const URL_ = `https://github.com/acme/orders/blob/main/data/${WAIVERS_PATH}`;
    const [D, C, B, A] = [...page1, ...page2].map(c => c.sha);
    const server = setupServer();
    const paths: string[] = [];

    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
    afterAll(() => server.close());
    afterEach(() => {
      server.resetHandlers();
      paths.length = 0;
    });

    const late = ['Late supplier files', 'accepted'] as [string, string];
    const drift = ['Schema drift', 'accepted'] as [string, string];
    const TEXTS: Record<string, string> = {
      [D]: waiversText([late, drift]),
      [C]: waiversText([late, drift]),
      [B]: waiversText([late]),
      [A]: waiversText([]),
    };

    function github() {
      server.use(
        http.get(`${API}/commits`, ({ request }) => {
          paths.push(new URL(request.url).searchParams.get('path') ?? '');
          return HttpResponse.json([...page1, ...page2]);
        }),
        http.get(
          `${API}/contents/data/.dataplan/waivers.yaml`,
          ({ request }) => {
            const ref = new URL(request.url).searchParams.get('ref') ?? '';
            return new HttpResponse(TEXTS[ref], {
              headers: { 'content-type': 'application/vnd.github.raw' },
            });
          },
        ),
      );
    }

    it("gives each waiver the commit that added it from the commits API, for the waiver file's path", async () => {
      github();

      const file = await finder().withCommits(
        { type: 'url', location: URL_, path: WAIVERS_PATH },
        parseWaiversText(TEXTS[D]),
      );

      expect(paths).toEqual([`data/${WAIVERS_PATH}`]);
      expect(file.waivers.map(w => w.commit)).toEqual([
        { sha: B, author: 'Ana', committedAt: '2024-03-02T10:00:00.000Z' },
        { sha: C, author: 'Ben', committedAt: '2024-03-03T08:00:00.000Z' },
      ]);
    });

    it('leaves the commits unknown, saying why, when the history cannot be read now', async () => {
      server.use(
        http.get(`${API}/commits`, () =>
          HttpResponse.json({ message: 'boom' }, { status: 500 }),
        ),
      );

      const file = await finder().withCommits(
        { type: 'url', location: URL_, path: WAIVERS_PATH },
        parseWaiversText(TEXTS[D]),
      );

      expect(file.waivers.every(w => w.commit === undefined)).toBe(true);
      expect(file.commitsUnknown).toMatch(/cannot be read now/);
    });
  });

  it('says the commits are not known on a host without a history reader', async () => {
    const file = await finder().withCommits(
      {
        type: 'url',
        location: `https://gitlab.example.com/acme/orders/-/blob/main/${WAIVERS_PATH}`,
        path: WAIVERS_PATH,
      },
      parseWaiversText(waiversText([['Late supplier files', 'accepted']])),
    );

    expect(file.waivers[0].commit).toBeUndefined();
    expect(file.commitsUnknown).toMatch(/gitlab\.example\.com/);
  });
});
