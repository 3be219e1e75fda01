import { Config } from '@backstage/config';

/**
 * A place outside an entity's own folder that plans may still be read from: every URL on
 * `host` whose path lies under `pathPrefix`.
 *
 * @public
 */
export interface AllowedPlanLocation {
  /** Host as in a URL, lower case, with the port when it is not the default. */
  host: string;
  /** Path on that host, starting and ending with `/`. */
  pathPrefix: string;
}

const KEY = 'dataPlan.allowedPlanLocations';

/**
 * Reads `dataPlan.allowedPlanLocations`, empty when absent. Each prefix is normalised as a
 * URL path is (dot segments removed, characters percent-encoded), so it compares with the
 * path of the URL a plan is read from.
 *
 * @public
 */
export function readAllowedPlanLocations(
  config: Config,
): AllowedPlanLocation[] {
  return (config.getOptionalConfigArray(KEY) ?? []).map((entry, index) => {
    const host = entry.getString('host').trim().toLowerCase();
    const pathPrefix = entry.getString('pathPrefix').trim();
    let url: URL | undefined;
    try {
      url = new URL(`https://${host}`);
    } catch {
      // Refused below.
    }
    if (!url || url.host !== host || url.pathname !== '/') {
      throw new Error(
        `${KEY}[${index}].host must be a host name, optionally with a port, such as github.com; got '${host}'`,
      );
    }
    if (!pathPrefix.startsWith('/') || pathPrefix.startsWith('//')) {
      throw new Error(
        `${KEY}[${index}].pathPrefix must be a path starting with '/', such as /acme/shared-plans/; got '${pathPrefix}'`,
      );
    }
    const { pathname } = new URL(pathPrefix, url);
    return {
      host,
      pathPrefix: pathname.endsWith('/') ? pathname : `${pathname}/`,
    };
  });
}
