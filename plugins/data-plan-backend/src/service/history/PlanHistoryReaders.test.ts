import { ConfigReader } from '@backstage/config';
import { PlanSource } from '../../database/DataPlanStore';
import { PlanHistoryReader } from './PlanHistoryReader';
import { PlanHistoryReaders } from './PlanHistoryReaders';

describe('PlanHistoryReaders', () => {
  const gitResult = { versions: [], skipped: [], complete: true };
  const githubResult = { unsupported: 'from github' };

  function readers() {
    const git: jest.Mocked<PlanHistoryReader> = {
      read: jest.fn().mockResolvedValue(gitResult),
    };
    const github = {
      read: jest.fn().mockResolvedValue(githubResult),
      handles: jest.fn((url: string) => url.startsWith('https://github.com/')),
    };
    return { git, github, readers: PlanHistoryReaders.create({ git, github }) };
  }

  const file: PlanSource = {
    type: 'file',
    location: '/w/orders/PLAN.md',
    path: 'PLAN.md',
  };
  const onGithub: PlanSource = {
    type: 'url',
    location: 'https://github.com/acme/orders/blob/main/PLAN.md',
    path: 'PLAN.md',
  };
  const onGitlab: PlanSource = {
    type: 'url',
    location: 'https://gitlab.com/acme/orders/-/blob/main/PLAN.md',
    path: 'PLAN.md',
  };

  it('reads a local plan with the git reader', async () => {
    const { git, github, readers: r } = readers();
    await expect(r.read(file, { limit: 5 })).resolves.toBe(gitResult);
    expect(git.read).toHaveBeenCalledWith(file, { limit: 5 });
    expect(github.read).not.toHaveBeenCalled();
  });

  it('reads a plan on a GitHub integration host with the GitHub reader', async () => {
    const { git, github, readers: r } = readers();
    await expect(r.read(onGithub, { limit: 5 })).resolves.toBe(githubResult);
    expect(github.read).toHaveBeenCalledWith(onGithub, { limit: 5 });
    expect(git.read).not.toHaveBeenCalled();
  });

  it('says any other host is unsupported, naming it', async () => {
    const { git, github, readers: r } = readers();
    await expect(r.read(onGitlab, { limit: 5 })).resolves.toEqual({
      unsupported:
        "the plan's history cannot be read from gitlab.com: only local git repositories and GitHub are supported",
    });
    expect(git.read).not.toHaveBeenCalled();
    expect(github.read).not.toHaveBeenCalled();
  });

  it('picks GitHub by the hosts of the integrations config', async () => {
    const r = PlanHistoryReaders.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host: 'ghe.example.com',
              apiBaseUrl: 'https://ghe.example.com/api/v3',
            },
          ],
        },
      }),
      { planRoots: [], maxPlanBytes: 1024 },
    );
    await expect(
      r.read(
        {
          ...onGitlab,
          location: 'https://gitlab.example.com/a/b/-/blob/main/PLAN.md',
        },
        { limit: 5 },
      ),
    ).resolves.toEqual({
      unsupported: expect.stringMatching(/gitlab\.example\.com/),
    });
    // A GHE URL goes to the GitHub reader, which says its URL names no file on a ref.
    await expect(
      r.read(
        { ...onGitlab, location: 'https://ghe.example.com/acme' },
        { limit: 5 },
      ),
    ).resolves.toEqual({
      unsupported: expect.stringMatching(/does not name a file/),
    });
  });

  it('refuses a limit that is not a positive integer', async () => {
    const { readers: r } = readers();
    await expect(r.read(file, { limit: 1.5 })).rejects.toMatchObject({
      name: 'InputError',
    });
  });
});
