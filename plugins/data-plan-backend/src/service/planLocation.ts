import { AllowedPlanLocation } from '@dataplan/plugin-data-plan-node';

/**
 * Percent-escapes whose decoding would change what a URL path names: a dot (`.%2e` is
 * `..`), a separator, a `%` (double encoding) or a control character. Each is one
 * fixed-length token, so the scan is linear.
 */
const MEANINGFUL_ESCAPE = /%(?:2e|2f|5c|25|[01][0-9a-f]|7f)/i;
/**
 * A `%` that is not the escape of a space or of a non-ASCII byte: every other ASCII
 * character is written plainly in a plan path, so no escape can hide a `.`, `/`, `\`,
 * `?`, `#` or `%` from the checks and have a server decode it later.
 */
const ASCII_ESCAPE = /%(?!20|[89a-f][0-9a-f])/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why a plan path as an entity gives it may not be used, or undefined. A path is resolved
 * as written; forms that another layer (a URL parser, a server, Windows) would decode into
 * a different path are refused rather than guessed at.
 */
export function planPathProblem(path: string): string | undefined {
  if (CONTROL.test(path)) return 'contains a control character';
  if (path.includes('\\')) return "contains a '\\'";
  if (ASCII_ESCAPE.test(path)) {
    return "contains a percent-encoded '.', '/', '\\', '%' or other ASCII character";
  }
  try {
    decodeURIComponent(path);
  } catch {
    return 'contains percent-escapes that are not UTF-8';
  }
  return undefined;
}

/** Whether a normalised URL path below a folder still hides a separator or a dot. */
function hasMeaningfulEscape(path: string): boolean {
  return (
    CONTROL.test(path) || path.includes('\\') || MEANINGFUL_ESCAPE.test(path)
  );
}

/** The part of a URL that names a file, and the rest, which must equal the folder's. */
function splitUrl(url: URL): { rest: string; path: string } {
  const params = new URLSearchParams(url.search);
  // Azure DevOps names the file in ?path=, already decoded here.
  const path = params.get('path');
  params.delete('path');
  return {
    rest: JSON.stringify([
      url.protocol,
      url.username,
      url.password,
      url.host,
      path === null ? '' : url.pathname,
      params.toString(),
      url.hash,
    ]),
    path: path ?? url.pathname,
  };
}

/**
 * Whether `tail`, a path below a folder, names something inside that folder: no dot or
 * empty segments (which a server could resolve), no separator that decodes differently.
 */
function isPlainTail(tail: string): boolean {
  return (
    tail !== '' &&
    !hasMeaningfulEscape(tail) &&
    tail.split('/').every(s => s !== '' && s !== '.' && s !== '..')
  );
}

function parseHttpUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `url` lies inside `folder` (a URL ending in `/`): the same scheme, host,
 * repository and query, and a path below the folder's once both are normalised by the
 * WHATWG URL parser (which removes `..` and `%2e%2e` segments).
 */
export function isUrlInsideFolder(url: string, folder: string): boolean {
  const target = parseHttpUrl(url);
  const base = parseHttpUrl(folder);
  if (!target || !base) return false;
  const t = splitUrl(target);
  const b = splitUrl(base);
  return (
    t.rest === b.rest &&
    b.path.endsWith('/') &&
    t.path.startsWith(b.path) &&
    isPlainTail(t.path.slice(b.path.length))
  );
}

/**
 * Whether the operator allows reading `url` though it is outside the entity's folder:
 * HTTPS on the allowed host, with a path below the allowed prefix. Where the file is named
 * in a `?path=` query (Azure DevOps), the prefix holds for the repository's path and the
 * file path must be plain too.
 */
export function isUrlAllowed(
  url: string,
  allowed: AllowedPlanLocation[],
): boolean {
  const target = parseHttpUrl(url);
  if (
    target?.protocol !== 'https:' ||
    target.username ||
    target.password ||
    target.hash
  ) {
    return false;
  }
  const filePath = new URLSearchParams(target.search).get('path');
  if (
    filePath !== null &&
    !(filePath.startsWith('/') && isPlainTail(filePath.slice(1)))
  ) {
    return false;
  }
  return allowed.some(
    ({ host, pathPrefix }) =>
      target.host === host &&
      (filePath === null
        ? target.pathname.startsWith(pathPrefix) &&
          isPlainTail(target.pathname.slice(pathPrefix.length))
        : `${target.pathname}/`.startsWith(pathPrefix)),
  );
}
