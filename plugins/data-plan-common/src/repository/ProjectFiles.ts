/**
 * How the repository checks see a project's files, wherever they are: on a disk, in a
 * repository read through Backstage's UrlReader, in memory.
 *
 * @public
 */
export interface ProjectFiles {
  /** Every file path of the project, POSIX, relative to the project root (the plan's folder), as listed; truncated when the listing hit a cap. */
  list(): Promise<{ paths: string[]; truncated: boolean }>;
  /**
   * A file's text, or undefined when it does not exist. A file deliberately not read (too
   * large, not a regular file, not a safe path, the reader's budget spent) throws a
   * {@link ProjectFileError}, which the check reports; any other error (the host or the
   * disk failing) fails the check. Callers read only files a rule needs.
   */
  readText(path: string): Promise<string | undefined>;
  /**
   * Whether a file exists, without reading it: for a path a truncated listing left out,
   * when the reader knows more names than it lists. Without it, the file is read.
   */
  exists?(path: string): Promise<boolean>;
}

/**
 * Why a {@link ProjectFiles} did not read a file on purpose: the file is too large, not
 * a regular file or not a safe path (`unreadable`, an `unreadable-file` finding), or the
 * reader's byte budget is spent (`budget`, the one `repository-budget-exceeded` finding).
 *
 * @public
 */
export class ProjectFileError extends Error {
  /** Not read on purpose (`unreadable`), or the reader's budget spent (`budget`). */
  readonly reason: 'unreadable' | 'budget';

  constructor(message: string, reason: 'unreadable' | 'budget' = 'unreadable') {
    super(message);
    this.name = 'ProjectFileError';
    this.reason = reason;
  }
}

/**
 * Whether an error is a {@link ProjectFileError} (by name, across module copies).
 *
 * @public
 */
export function isProjectFileError(error: unknown): error is ProjectFileError {
  return (
    error instanceof Error &&
    error.name === 'ProjectFileError' &&
    ((error as ProjectFileError).reason === 'unreadable' ||
      (error as ProjectFileError).reason === 'budget')
  );
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
