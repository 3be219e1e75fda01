import { ObjectGraph } from '../plan/objectGraph';
import { ParsedPlan } from '../plan/types';
import { FileReader } from './readScripts';
import { RepositoryObject } from './repositoryReport';
import { RepositoryRule } from './repositoryRules';

/** Adds a finding of a repository rule about a subject (its content key), on a plan line. */
export type Report = (
  rule: RepositoryRule,
  subject: string | undefined,
  message: string,
  line?: number,
) => void;

/** What the listing says about the project: its safe paths and the folders that hold them. */
export interface ProjectListing {
  present: ReadonlySet<string>;
  folders: ReadonlySet<string>;
  /** Whether it was cut short: absence from it then proves nothing. */
  truncated: boolean;
  /** Whether a file exists: listed, or read when the listing was truncated. */
  exists(path: string): Promise<boolean>;
}

/** What the rules of one `checkRepository` run share. */
export interface RepositoryContext extends ProjectListing {
  plan: ParsedPlan;
  report: Report;
  reader: FileReader;
  /** The plan's layers, the default ones when it names none. */
  layers: readonly string[];
  graph: ObjectGraph;
  /** The objects' content keys. */
  keys: readonly string[];
  /** Each planned object's state, filled in by the rules. */
  objects: RepositoryObject[];
}
