import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { GithubCommit, parseGithubCommitsPage } from './githubCommitsPage';
import { GithubFile } from './githubFileUrl';
import { githubRateLimitRetryAt } from './githubRateLimit';
import { nextLink } from './nextLink';
import {
  PlanVersion,
  PlanVersionsResult,
  SkippedPlanVersion,
} from './PlanHistoryReader';
import { PlanHistoryRateLimitError } from './PlanHistoryRateLimitError';
import { planVersionFromBytes } from './planVersionFromBytes';
import { readBoundedBody } from './readBoundedBody';

/** GitHub's most commits per page. */
const MAX_PER_PAGE = 100;
/** A page of 100 commits is some 300 KB; a larger body is not one. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
const API_VERSION = '2022-11-28';

/**
 * Drops a body that is not read. Not awaited: a cancelled stream's source need not
 * settle, and nothing depends on it.
 */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/**
 * One read of one plan's history from one GitHub host: the commit list, then the
 * content at each commit, one request at a time.
 */
export class GithubHistoryRead {
  readonly #repository: string;

  constructor(
    private readonly api: URL,
    private readonly host: string,
    private readonly file: GithubFile,
    private readonly headers: Record<string, string>,
    private readonly maxPlanBytes: number,
    private readonly signal: AbortSignal,
  ) {
    this.#repository = `repos/${encodeURIComponent(
      file.owner,
    )}/${encodeURIComponent(file.repo)}`;
  }

  async read(limit: number): Promise<PlanVersionsResult> {
    const listed = await this.#commits(limit);
    if ('unsupported' in listed) return listed;
    const versions: PlanVersion[] = [];
    const skipped: SkippedPlanVersion[] = [];
    // One at a time: the contents reads share the rate limit with everything else.
    for (const commit of listed.commits) {
      const read = await this.#version(commit);
      if ('version' in read) versions.push(read.version);
      else skipped.push(read.skipped);
    }
    return { versions, skipped, complete: listed.complete };
  }

  /** The last `limit` commits that touched the file, newest first. */
  async #commits(
    limit: number,
  ): Promise<
    { commits: GithubCommit[]; complete: boolean } | { unsupported: string }
  > {
    const first = new URL(`${this.#repository}/commits`, this.api);
    first.search = new URLSearchParams({
      path: this.file.path,
      sha: this.file.ref,
      per_page: String(Math.min(limit, MAX_PER_PAGE)),
    }).toString();
    const what = `the commit list of ${this.file.owner}/${this.file.repo}`;
    const commits: GithubCommit[] = [];
    const seen = new Set<string>();
    let url: URL | undefined = first;
    // Each page adds a commit or ends the list (a page of commits already seen ends it
    // too), so there are at most `limit` pages.
    while (url) {
      const response = await this.#get(url, 'application/vnd.github+json');
      if (response.status === 404) {
        discard(response);
        if (url !== first) {
          throw new ServiceUnavailableError(
            `${this.host} answered a later page of ${what} with HTTP 404`,
          );
        }
        return {
          unsupported: `${this.host} has no repository ${this.file.owner}/${this.file.repo} with a ref ${this.file.ref}, or its credentials cannot see it`,
        };
      }
      await this.#check(response, what);
      const body = await readBoundedBody(response, MAX_PAGE_BYTES);
      if (!body) {
        throw new ServiceUnavailableError(
          `${this.host} answered a page of ${what} with more than ${MAX_PAGE_BYTES} bytes`,
        );
      }
      const page = parseGithubCommitsPage(body);
      if ('malformed' in page) {
        throw new ServiceUnavailableError(
          `${this.host} answered ${what} with a body that is not a commit list: ${page.malformed}`,
        );
      }
      const next = nextLink(response.headers.get('link'));
      const before = commits.length;
      for (const [index, commit] of page.commits.entries()) {
        if (seen.has(commit.sha)) continue;
        seen.add(commit.sha);
        commits.push(commit);
        if (commits.length === limit) {
          return {
            commits,
            complete: !next && index === page.commits.length - 1,
          };
        }
      }
      if (page.commits.length === 0 || !next) {
        return { commits, complete: true };
      }
      if (commits.length === before) {
        // A next page that repeats what was read would be followed forever.
        throw new ServiceUnavailableError(
          `${this.host} answered ${what} with a page of commits it had already listed`,
        );
      }
      url = this.#pageUrl(next, what);
    }
    return { commits, complete: true };
  }

  /** A next-page link, which must stay on the API: the credentials go with it. */
  #pageUrl(link: string, what: string): URL {
    let url;
    try {
      url = new URL(link, this.api);
    } catch {
      url = undefined;
    }
    if (
      !url ||
      url.origin !== this.api.origin ||
      !url.pathname.startsWith(this.api.pathname)
    ) {
      throw new ServiceUnavailableError(
        `${this.host} answered ${what} with a next page outside its API`,
      );
    }
    return url;
  }

  async #version(
    commit: GithubCommit,
  ): Promise<{ version: PlanVersion } | { skipped: SkippedPlanVersion }> {
    const { sha, committedAt, author } = commit;
    const path = this.file.path;
    const url = new URL(
      `${this.#repository}/contents/${path
        .split('/')
        .map(encodeURIComponent)
        .join('/')}`,
      this.api,
    );
    url.search = new URLSearchParams({ ref: sha }).toString();
    const response = await this.#get(url, 'application/vnd.github.raw');
    if (response.status === 404) {
      discard(response);
      return {
        skipped: { commit: sha, committedAt, reason: `${path} was deleted` },
      };
    }
    await this.#check(response, `${path} at ${sha}`);
    // Raw content is asked for; a JSON answer lists a folder or describes a submodule.
    if (
      response.headers
        .get('content-type')
        ?.toLowerCase()
        .startsWith('application/json')
    ) {
      discard(response);
      return {
        skipped: {
          commit: sha,
          committedAt,
          reason: `${path} is not a file in this commit`,
        },
      };
    }
    const bytes = await readBoundedBody(response, this.maxPlanBytes);
    if (!bytes) {
      return {
        skipped: {
          commit: sha,
          committedAt,
          reason: `${path} is larger than the ${this.maxPlanBytes}-byte limit for a plan`,
        },
      };
    }
    return planVersionFromBytes({
      commit: sha,
      committedAt,
      author,
      bytes,
      maxPlanBytes: this.maxPlanBytes,
      what: path,
    });
  }

  #get(url: URL, accept: string): Promise<Response> {
    return fetch(url, {
      headers: {
        ...this.headers,
        Accept: accept,
        'X-GitHub-Api-Version': API_VERSION,
      },
      signal: this.signal,
    });
  }

  /** Passes a successful answer; any other rejects, saying why. */
  async #check(response: Response, what: string): Promise<void> {
    if (response.ok) return;
    discard(response);
    const retryAt = githubRateLimitRetryAt(response, new Date());
    if (retryAt) {
      throw new PlanHistoryRateLimitError(
        `${
          this.host
        } refused to give ${what} for its rate limit; try again after ${retryAt.toISOString()}`,
        retryAt,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new NotAllowedError(
        `${this.host} refused to give ${what} (HTTP ${response.status}): check the credentials of its GitHub integration`,
      );
    }
    throw new ServiceUnavailableError(
      `${this.host} answered ${what} with HTTP ${response.status}`,
    );
  }
}
