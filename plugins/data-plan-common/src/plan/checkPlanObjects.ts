import { checkObjects } from './checkObjects';
import {
  findingKey,
  objectFindingSubject,
  objectKey,
  occurrenceKeys,
  uniqueKeys,
} from './findingKeys';
import { buildObjectGraph } from './objectGraph';
import { ObjectFinding } from './objectFindings';
import { DraftObject } from './types';

/**
 * What `checkPlanObjects` says about a list of objects.
 *
 * @public
 */
export interface ObjectCheck {
  /** Every rule the objects break, in the order the parser reports them. */
  findings: ObjectFinding[];
  /**
   * For each object, the positions of the objects its dependencies resolve to, in the
   * order written and each once; dependencies that resolve to no single object are left out.
   */
  dependsOn: number[][];
}

/**
 * Checks a list of objects (a draft's, or a parsed plan's with their lines) against the rules the parser
 * applies to a plan's objects: names, files in the default layout
 * (`objectFilePath`), duplicates, dependencies, layer direction and cycles. `layers` are
 * the plan's layers in dependency order (the default layers when empty). Each finding
 * names its object and positions in `objects`, so that a caller can point at what it was
 * given; nothing given is changed.
 *
 * @public
 */
export function checkPlanObjects(
  objects: ReadonlyArray<DraftObject & { line?: number }>,
  layers: readonly string[],
): ObjectCheck {
  // A draft has no lines; a parsed plan's objects keep theirs for the messages.
  const checked = objects.map(object => ({
    ...object,
    line: object.line ?? 0,
  }));
  const graph = buildObjectGraph(checked);
  const findings: ObjectFinding[] = [];
  const keys = uniqueKeys(objects, objectKey);
  const unique = occurrenceKeys();
  checkObjects(
    {
      report(severity, rule, message, _line, subject) {
        const about = objectFindingSubject(objects, keys, rule, subject);
        findings.push({
          key: unique(findingKey(rule, about)),
          severity,
          rule,
          message,
          object: objects[subject.index].name,
          ...subject,
        });
      },
    },
    checked,
    graph,
    layers,
    [],
  );
  return { findings, dependsOn: graph.dependsOn };
}
