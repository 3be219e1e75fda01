/*
 * Reads deploy, rollback and backup scripts as SnowSQL runs them: each statement in order,
 * each `!source` line replaced by the file it names. An include resolves against the
 * including file's folder first, then against the project root (where scripts are run
 * from); one that leaves the project, closes a cycle or is missing is a finding and is not
 * followed. A file is read once for all scripts and expanded once per script, and a byte
 * and statement budget bounds the whole work.
 */
import { contentKey } from '../plan/findingKeys';
import { ObjectIdentifier } from '../plan/identifiers';
import { readSqlLineage, SqlLineage } from '../sql/readSqlLineage';
import { isProjectFileError, ProjectFiles } from './ProjectFiles';
import { parentOf, resolveProjectPath, shownPath } from './projectPaths';
import { RepositoryRule } from './repositoryRules';

/** What a script does to an object, at its place in the run. */
export interface ScriptEvent {
  type: 'create' | 'drop' | 'clone';
  /** The created, dropped or cloned-into object. */
  name: ObjectIdentifier;
  /** For a clone: the object copied. */
  source?: ObjectIdentifier;
  /** The file and line of the statement. */
  file: string;
  line: number;
  /** Position in the run, from 0: what runs first has the lowest. */
  order: number;
}

/** A script as run: its events in order, and whether all of it could be read. */
export interface ScriptRun {
  events: ScriptEvent[];
  /** False when a file could not be read or the budget ran out: absence proves nothing. */
  complete: boolean;
}

/** The limits of one `checkRepository` run over the files it reads. */
export interface ReadBudget {
  maxBytes: number;
  maxFileBytes: number;
  maxStatements: number;
}

/** Includes nested deeper than this are not followed (the budget finding says so). */
const MAX_INCLUDE_DEPTH = 64;

type Report = (rule: RepositoryRule, subject: string, message: string) => void;

type Cached =
  | { state: 'read'; lineage: SqlLineage }
  | { state: 'missing' }
  | { state: 'unreadable' };

/** Reads the project's files for the rules: text once per file, within the budget. */
export class FileReader {
  #bytes = 0;
  #statements = 0;
  #exhausted = false;
  readonly #texts = new Map<string, Promise<string | undefined | Error>>();
  readonly #lineages = new Map<string, Cached>();

  constructor(
    private readonly files: ProjectFiles,
    private readonly budget: ReadBudget,
    private readonly report: Report,
  ) {}

  /** Whether the budget ran out: the first time it does, a finding says so. */
  get exhausted(): boolean {
    return this.#exhausted;
  }

  #exhaust(what: string) {
    if (this.#exhausted) return;
    this.#exhausted = true;
    this.report(
      'repository-budget-exceeded',
      contentKey('budget'),
      `The repository checks stopped reading at ${what}; objects, rollbacks and backups the unread files might create are not judged`,
    );
  }

  /** A file's text; undefined when it does not exist; an Error when it was not read. */
  text(path: string): Promise<string | undefined | Error> {
    let pending = this.#texts.get(path);
    if (!pending) {
      pending = this.#read(path);
      this.#texts.set(path, pending);
    }
    return pending;
  }

  async #read(path: string): Promise<string | undefined | Error> {
    if (this.#exhausted) return new Error('the budget ran out');
    let text: string | undefined;
    try {
      text = await this.files.readText(path);
    } catch (error) {
      // Only a file left unread on purpose is a finding: a failing host or disk fails the
      // check, so that a bad read never replaces a good report.
      if (!isProjectFileError(error)) throw error;
      if (error.reason === 'budget') {
        this.#exhaust(error.message.slice(0, 200));
        return new Error('the budget ran out');
      }
      const reason = error.message;
      this.report(
        'unreadable-file',
        contentKey('file', path),
        `${shownPath(path)} could not be read: ${reason.slice(0, 200)}`,
      );
      return new Error(reason);
    }
    if (text === undefined) return undefined;
    if (text.length > this.budget.maxFileBytes) {
      this.report(
        'unreadable-file',
        contentKey('file', path),
        `${shownPath(path)} is larger than ${
          this.budget.maxFileBytes
        } characters and is not read`,
      );
      return new Error('too large');
    }
    this.#bytes += text.length;
    if (this.#bytes > this.budget.maxBytes) {
      this.#exhaust(`${this.budget.maxBytes} characters`);
      return new Error('the budget ran out');
    }
    return text;
  }

  /** Whether a file exists, for paths a truncated listing may have left out: asked, or read. */
  async exists(path: string): Promise<boolean> {
    if (this.files.exists) return this.files.exists(path);
    const text = await this.text(path);
    return text !== undefined;
  }

  async lineage(path: string): Promise<Cached> {
    let cached = this.#lineages.get(path);
    if (!cached) {
      const text = await this.text(path);
      if (text === undefined) cached = { state: 'missing' };
      else if (text instanceof Error) cached = { state: 'unreadable' };
      else cached = { state: 'read', lineage: readSqlLineage(text) };
      this.#lineages.set(path, cached);
    }
    return cached;
  }

  /** Counts a file's statements against the budget; false once it has run out. */
  spend(statements: number): boolean {
    if (this.#exhausted) return false;
    this.#statements += statements;
    if (this.#statements > this.budget.maxStatements) {
      this.#exhaust(`${this.budget.maxStatements} statements`);
      return false;
    }
    return true;
  }

  /** Marks the budget spent for a reason other than bytes or statements. */
  stop(what: string) {
    this.#exhaust(what);
  }
}

/** One script's run: the events of its statements and of the files it includes. */
class ScriptRunner {
  readonly events: ScriptEvent[] = [];
  complete = true;
  readonly #expanded = new Set<string>();
  readonly #stack: string[] = [];

  constructor(
    private readonly reader: FileReader,
    private readonly report: Report,
  ) {}

  async expand(path: string, lineage: SqlLineage): Promise<void> {
    if (!this.reader.spend(lineage.statements)) {
      this.complete = false;
      return;
    }
    this.#expanded.add(path);
    this.#stack.push(path);
    // Statements and includes by their place in the file.
    const items: Array<{ statement: number; run: () => Promise<void> | void }> =
      [];
    const push = (
      statement: number,
      type: ScriptEvent['type'],
      name: ObjectIdentifier,
      line: number,
      source?: ObjectIdentifier,
    ) =>
      items.push({
        statement,
        run: () => {
          this.events.push({
            type,
            name,
            ...(source ? { source } : {}),
            file: path,
            line,
            order: this.events.length,
          });
        },
      });
    for (const c of lineage.creates)
      push(c.statement, 'create', c.name, c.line);
    for (const c of lineage.clones) {
      push(c.statement, 'clone', c.name, c.line, c.source);
    }
    for (const d of lineage.drops) push(d.statement, 'drop', d.name, d.line);
    for (const include of lineage.includes) {
      items.push({
        statement: include.statement,
        run: () => this.follow(path, include.path, include.line),
      });
    }
    items.sort((a, b) => a.statement - b.statement);
    for (const item of items) {
      if (this.reader.exhausted) break;
      await item.run();
    }
    this.#stack.pop();
  }

  async follow(from: string, written: string, line: number): Promise<void> {
    const subject = contentKey('file', from, 'include', written);
    const where = `${from}:${line}`;
    const relative = resolveProjectPath(parentOf(from), written);
    if ('problem' in relative) {
      this.report(
        'unsafe-include',
        subject,
        `${where} includes ${shownPath(written)}, which ${
          relative.problem
        }; it is not followed`,
      );
      return;
    }
    const candidates = [relative.path];
    const fromRoot = resolveProjectPath('', written);
    if ('path' in fromRoot && fromRoot.path !== relative.path) {
      candidates.push(fromRoot.path);
    }
    const stack = this.#stack;
    for (const candidate of candidates) {
      if (stack.includes(candidate)) {
        const cycle = [...stack.slice(stack.indexOf(candidate)), candidate];
        this.report(
          'include-cycle',
          subject,
          `${where} includes ${shownPath(
            written,
          )}, which closes the cycle ${cycle.join(' → ')}; it is not followed`,
        );
        return;
      }
      if (this.#expanded.has(candidate)) return;
      const cached = await this.reader.lineage(candidate);
      if (cached.state === 'missing') continue;
      if (cached.state === 'unreadable') {
        this.complete = false;
        return;
      }
      if (stack.length >= MAX_INCLUDE_DEPTH) {
        this.reader.stop(
          `includes nested ${MAX_INCLUDE_DEPTH} deep (${where})`,
        );
        this.complete = false;
        return;
      }
      await this.expand(candidate, cached.lineage);
      return;
    }
    this.report(
      'missing-include',
      subject,
      `${where} includes ${shownPath(written)}, which does not exist`,
    );
  }
}

/** Runs one script: its statements and those of the files it includes, in order. */
export async function runScript(
  reader: FileReader,
  entry: string,
  report: Report,
): Promise<ScriptRun> {
  const runner = new ScriptRunner(reader, report);
  const cached = await reader.lineage(entry);
  if (cached.state === 'read') await runner.expand(entry, cached.lineage);
  else runner.complete = false;
  return {
    events: runner.events,
    complete: runner.complete && !reader.exhausted,
  };
}
