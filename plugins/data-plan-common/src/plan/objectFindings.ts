import { Severity } from './types';

/**
 * The rules a plan's objects are checked against, by their stable ids: names, files and
 * their place in the layout, duplicates, dependencies, layer direction and cycles.
 *
 * @public
 */
export const OBJECT_RULES = [
  'invalid-object-name',
  'duplicate-object',
  'missing-file',
  'path-traversal',
  'file-path-layout',
  'unknown-layer',
  'file-name-mismatch',
  'unknown-dependency',
  'ambiguous-dependency',
  'layer-direction',
  'dependency-cycle',
] as const;

/**
 * Id of a rule about a plan's objects.
 *
 * @public
 */
export type ObjectRule = (typeof OBJECT_RULES)[number];

/**
 * Which objects a finding is about, as positions in the list that was checked.
 *
 * @public
 */
export interface ObjectFindingSubject {
  /** The object the finding is reported on. */
  index: number;
  /** For a rule about one dependency: its position in the object's `dependencies`. */
  dependencyIndex?: number;
  /**
   * The other objects it names: the first definition of a duplicate, the object depended
   * on against the layer order, the candidates of an ambiguous dependency, or every object
   * on a cycle (the reported one first).
   */
  related?: readonly number[];
}

/**
 * A rule one of the objects breaks.
 *
 * @public
 */
export interface ObjectFinding extends ObjectFindingSubject {
  /** Content key, the same as the parser's diagnostic for this finding has (`PlanDiagnostic.key`). */
  key: string;
  severity: Severity;
  rule: ObjectRule;
  /** As the parser words it for a plan's reader. */
  message: string;
  /** The object's name as written, e.g. `SALES_DB.RAW.ORDERS_RAW`. */
  object: string;
}

/** Where the object checks report: the parser's context, or a collector of findings. */
export interface ObjectReporter {
  report(
    severity: Severity,
    rule: ObjectRule,
    message: string,
    line: number,
    subject: ObjectFindingSubject,
  ): void;
}
