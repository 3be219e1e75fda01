import { ObjectKind } from '../layout';
import { PlanPolicy } from '../plan/policy';
import { ParsedPlan, PlanDiagnostic } from '../plan/types';
import { SqlLineageCheck, SqlObjectLineage } from '../sql/lineageRules';
import { SqlLineageReader } from '../sql/sqlLineageReader';

/**
 * Runs `checkSqlLineage` over `checkRepository`'s input somewhere else than where the
 * check runs (a worker thread, say: the AST reader is CPU-heavy), with a reader of its
 * choice and no policy (the check applies the policy to every finding).
 *
 * @public
 */
export type SqlLineageRunner = (
  plan: Pick<ParsedPlan, 'objects' | 'layers'>,
  sqlByObject: ReadonlyMap<string, { path: string; text: string }>,
) => Promise<SqlLineageCheck>;

/**
 * The limits and policy of {@link checkRepository}. The defaults bound a run to a few
 * seconds on any project.
 *
 * @public
 */
export interface CheckRepositoryOptions {
  /** Its `severities` change or turn off the repository rules, as they do every rule. */
  policy?: PlanPolicy;
  /** Listed paths looked at; past it the listing counts as truncated. Default 100 000. */
  maxFiles?: number;
  /** Characters read in all, over every file. Default 32 Mi. */
  maxBytes?: number;
  /** Characters of one file; a larger file is reported and not read. Default 4 Mi. */
  maxFileBytes?: number;
  /** Statements of the deploy, rollback and backup scripts and their includes. Default 200 000. */
  maxStatements?: number;
  /**
   * What reads the planned objects' SQL for the SQL lineage rules: a reader, run here, or
   * a {@link SqlLineageRunner} that runs the rules elsewhere. By default the tolerant
   * reader; the one that parses statements, `AstSqlLineageReader`, is Node-only and comes
   * from the `sql-parser` entry, so that the caller, not this entry, loads the parser.
   */
  sqlLineage?: SqlLineageReader | SqlLineageRunner;
}

/**
 * A planned object against the project's files.
 *
 * @public
 */
export interface RepositoryObject {
  /** The object's content key, as its findings name it. */
  key: string;
  /** As the plan writes it. */
  name: string;
  /** Its kind, from its planned file's folder. */
  kind?: ObjectKind;
  /** Its layer, from its planned file's folder. */
  layer?: string;
  /** Its planned SQL file, when the plan names a safe one. */
  file?: string;
  /** Whether that file exists. */
  fileExists: boolean;
  /** Where its unit test belongs (`tests/unit/<layer>/<name>.sql`), when it has a layer. */
  testPath?: string;
  /** Whether that test exists. */
  testExists: boolean;
  /** Whether the deploy scripts create it. */
  deployed: boolean;
  /** Whether the rollback script drops or restores it. */
  rollback: boolean;
  /** For a table: whether a clone of it is taken before the deploy; null for other kinds. */
  backup: boolean | null;
}

/**
 * What {@link checkRepository} found: the findings, each planned object's state, what its
 * SQL uses against its Dependencies, the SQL files no step names, and coverage figures (a ratio from 0 to 1, null when there is
 * nothing to cover).
 *
 * @public
 */
export interface RepositoryReport {
  /** The repository and SQL lineage rules' findings, through the policy's severities. */
  findings: PlanDiagnostic[];
  /** Each planned object, in the plan's order. */
  objects: RepositoryObject[];
  /** What each planned object's SQL file (one that exists and was read) creates and uses, in the plan's order. */
  lineage: SqlObjectLineage[];
  /** SQL files under `src/` no step names; empty when the listing was truncated (see `listing`). */
  orphans: string[];
  /** How many safe paths the listing gave, and whether it was cut short. */
  listing: { paths: number; truncated: boolean };
  /** What is present and covered, over the planned objects. */
  figures: {
    filesPlanned: number;
    filesPresent: number;
    unitTestCoverage: number | null;
    unitTestCoverageByLayer: Record<string, number | null>;
    deployCoverage: number | null;
    rollbackCoverage: number | null;
  };
}
