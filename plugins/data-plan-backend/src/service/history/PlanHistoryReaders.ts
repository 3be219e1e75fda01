import { Config } from '@backstage/config';
import { PlanSource } from '../../database/DataPlanStore';
import { checkHistoryLimit } from './checkHistoryLimit';
import { GithubPlanHistoryReader } from './GithubPlanHistoryReader';
import { GitPlanHistoryReader } from './GitPlanHistoryReader';
import {
  PlanHistoryReader,
  PlanHistoryReadOptions,
  PlanVersionsResult,
} from './PlanHistoryReader';

/**
 * {@link PlanHistoryReader} that reads each source with the reader for its kind: a local
 * folder from its git repository, a URL on a GitHub integration host through GitHub's API.
 * Any other host has no history to backfill from.
 */
export class PlanHistoryReaders implements PlanHistoryReader {
  static fromConfig(
    config: Config,
    options: { planRoots: string[]; maxPlanBytes: number },
  ): PlanHistoryReaders {
    return PlanHistoryReaders.create({
      git: GitPlanHistoryReader.create(options),
      github: GithubPlanHistoryReader.fromConfig(config, options),
    });
  }

  static create(options: {
    git: PlanHistoryReader;
    github: PlanHistoryReader & { handles(url: string): boolean };
  }): PlanHistoryReaders {
    return new PlanHistoryReaders(options.git, options.github);
  }

  private constructor(
    private readonly git: PlanHistoryReader,
    private readonly github: PlanHistoryReader & {
      handles(url: string): boolean;
    },
  ) {}

  async read(
    source: PlanSource,
    options: PlanHistoryReadOptions,
  ): Promise<PlanVersionsResult> {
    checkHistoryLimit(options.limit);
    if (source.type === 'file') return this.git.read(source, options);
    if (this.github.handles(source.location)) {
      return this.github.read(source, options);
    }
    let host;
    try {
      host = new URL(source.location).host;
    } catch {
      host = 'its host';
    }
    return {
      unsupported: `the plan's history cannot be read from ${host}: only local git repositories and GitHub are supported`,
    };
  }
}
