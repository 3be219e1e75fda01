/** A commit of GitHub's commit list, as the history needs it. */
export interface GithubCommit {
  sha: string;
  /** The committer's date, ISO 8601 in UTC. */
  committedAt: string;
  /** The commit's author by name, when the entry gives one. */
  author?: string;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The commits of one page of `GET /repos/{owner}/{repo}/commits`, or the reason the body
 * is not one: not JSON, not an array, or an entry without a SHA or a committer's date
 * (named by its index and field).
 */
export function parseGithubCommitsPage(
  body: Uint8Array,
): { commits: GithubCommit[] } | { malformed: string } {
  let page: unknown;
  try {
    page = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { malformed: 'the body is not JSON' };
  }
  if (!Array.isArray(page)) return { malformed: 'the body is not an array' };
  const commits: GithubCommit[] = [];
  for (const [index, entry] of page.entries()) {
    const sha = isRecord(entry) ? entry.sha : undefined;
    if (typeof sha !== 'string' || !SHA.test(sha)) {
      return { malformed: `[${index}].sha is not a commit SHA` };
    }
    const commit = isRecord(entry) ? entry.commit : undefined;
    const committer = isRecord(commit) ? commit.committer : undefined;
    const date = isRecord(committer) ? committer.date : undefined;
    const time = typeof date === 'string' ? Date.parse(date) : NaN;
    if (Number.isNaN(time)) {
      return { malformed: `[${index}].commit.committer.date is not a date` };
    }
    const author = isRecord(commit) ? commit.author : undefined;
    const name = isRecord(author) ? author.name : undefined;
    commits.push({
      sha,
      committedAt: new Date(time).toISOString(),
      ...(typeof name === 'string' && name !== '' ? { author: name } : {}),
    });
  }
  return { commits };
}
