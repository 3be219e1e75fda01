/** A file in a GitHub repository at a ref, as its URL names it; each part decoded. */
export interface GithubFile {
  owner: string;
  repo: string;
  ref: string;
  /** The file's path in the repository, `/`-separated, no empty, `.` or `..` segment. */
  path: string;
}

// eslint-disable-next-line no-control-regex
const UNSAFE_SEGMENT = /[\u0000-\u001f\u007f\\/]/;

function decodeSegment(segment: string): string | undefined {
  let decoded;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  return decoded === '' ||
    decoded === '.' ||
    decoded === '..' ||
    UNSAFE_SEGMENT.test(decoded)
    ? undefined
    : decoded;
}

/**
 * The file a GitHub URL of the form `https://<host>/<owner>/<repo>/blob/<ref>/<path>`
 * (or `/tree/`) names, or undefined for any other URL. Like Backstage's GitHub reader,
 * the ref is one path segment (a branch with a `/` in its name is read as ref and path).
 */
export function parseGithubFileUrl(url: string): GithubFile | undefined {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return undefined;
  }
  const segments = parsed.pathname.split('/').slice(1);
  const [owner, repo, kind, ref, ...path] = segments.map(decodeSegment);
  if (
    !owner ||
    !repo ||
    (kind !== 'blob' && kind !== 'tree') ||
    !ref ||
    path.length === 0 ||
    path.some(segment => segment === undefined)
  ) {
    return undefined;
  }
  return { owner, repo, ref, path: path.join('/') };
}
