import { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { PlanSource } from '../../database/DataPlanStore';
import { checkHistoryLimit } from './checkHistoryLimit';
import { parseGithubFileUrl } from './githubFileUrl';
import { GithubHistoryRead } from './GithubHistoryRead';
import {
  PlanHistoryReader,
  PlanHistoryReadOptions,
  PlanVersionsResult,
} from './PlanHistoryReader';

/**
 * {@link PlanHistoryReader} for plans read from github.com or a GitHub Enterprise host of
 * the `integrations.github` config, through the REST API at the integration's
 * `apiBaseUrl` with the integration's credentials. The commits are those of
 * `GET /repos/{owner}/{repo}/commits?path=&sha=`, newest first, followed through
 * `Link: rel="next"` until `limit`; each version is the raw content at that commit.
 *
 * Requests are made once each (no retries): a rate limit rejects with a
 * `PlanHistoryRateLimitError` that says when to try again, and the whole read has
 * one time budget.
 */
export class GithubPlanHistoryReader implements PlanHistoryReader {
  static fromConfig(
    config: Config,
    options: { maxPlanBytes: number; timeoutMs?: number },
  ): GithubPlanHistoryReader {
    const integrations = ScmIntegrations.fromConfig(config);
    return GithubPlanHistoryReader.create({
      integrations,
      credentialsProvider:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      ...options,
    });
  }

  static create(options: {
    integrations: ScmIntegrationRegistry;
    credentialsProvider: GithubCredentialsProvider;
    maxPlanBytes: number;
    /** The time budget of one read, all requests together; 60 s unless given. */
    timeoutMs?: number;
  }): GithubPlanHistoryReader {
    return new GithubPlanHistoryReader(
      options.integrations,
      options.credentialsProvider,
      options.maxPlanBytes,
      options.timeoutMs ?? 60_000,
    );
  }

  private constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentialsProvider: GithubCredentialsProvider,
    private readonly maxPlanBytes: number,
    private readonly timeoutMs: number,
  ) {}

  /** Whether a URL is on the host of a GitHub integration. */
  handles(url: string): boolean {
    return this.integrations.github.byUrl(url) !== undefined;
  }

  async read(
    source: PlanSource,
    options: PlanHistoryReadOptions,
  ): Promise<PlanVersionsResult> {
    checkHistoryLimit(options.limit);
    if (source.type !== 'url') {
      return { unsupported: 'the plan is not read from a URL' };
    }
    const integration = this.integrations.github.byUrl(source.location);
    if (!integration) {
      return { unsupported: 'the plan is not on a GitHub integration host' };
    }
    const { host, apiBaseUrl } = integration.config;
    if (!apiBaseUrl) {
      return {
        unsupported: `the GitHub integration for ${host} has no apiBaseUrl to read history from`,
      };
    }
    const file = parseGithubFileUrl(source.location);
    if (!file) {
      return {
        unsupported: `the plan's URL does not name a file on a branch of a GitHub repository (https://${host}/<owner>/<repo>/blob/<ref>/<path>)`,
      };
    }
    const { headers } = await this.credentialsProvider.getCredentials({
      url: source.location,
    });
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal
      ? AbortSignal.any([options.signal, timeout])
      : timeout;
    try {
      return await new GithubHistoryRead(
        new URL(apiBaseUrl.endsWith('/') ? apiBaseUrl : `${apiBaseUrl}/`),
        host,
        file,
        headers ?? {},
        this.maxPlanBytes,
        signal,
      ).read(options.limit);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (timeout.aborted) {
        throw new ServiceUnavailableError(
          `Reading the history of ${file.path} from ${host} timed out after ${this.timeoutMs} ms`,
        );
      }
      throw error;
    }
  }
}
