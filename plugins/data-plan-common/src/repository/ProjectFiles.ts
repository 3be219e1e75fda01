/**
 * How the repository checks see a project's files, wherever they are: on a disk, in a
 * repository read through Backstage's UrlReader, in memory.
 *
 * @public
 */
export interface ProjectFiles {
  /** Every file path of the project, POSIX, relative to the project root (the plan's folder), as listed; truncated when the listing hit a cap. */
  list(): Promise<{ paths: string[]; truncated: boolean }>;
  /** A file's text, or undefined when it does not exist; throws when it cannot be read. Callers read only files a rule needs. */
  readText(path: string): Promise<string | undefined>;
}

/**
 * A project's files held in memory, path to text: for tests, and for files already read
 * (a scaffolder's dry run). Paths are listed as given, in their sorted order.
 *
 * @public
 */
export function inMemoryProjectFiles(
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: { truncated?: boolean } = {},
): ProjectFiles {
  const map: ReadonlyMap<string, string> =
    files instanceof Map
      ? files
      : new Map(Object.entries(files as Record<string, string>));
  return {
    async list() {
      return { paths: [...map.keys()].sort(), truncated: !!options.truncated };
    },
    async readText(path) {
      return map.get(path);
    },
  };
}
