import { applySeverity } from '../plan/applySeverity';
import { layerDirection } from '../plan/checkObjects';
import {
  contentKey,
  findingKey,
  objectKey,
  occurrenceKeys,
  uniqueKeys,
} from '../plan/findingKeys';
import { ObjectIdentifier, parseIdentifier } from '../plan/identifiers';
import {
  buildObjectGraph,
  nameAtDepth,
  objectResolver,
} from '../plan/objectGraph';
import { PlanPolicy } from '../plan/policy';
import { ParsedPlan, PlanDiagnostic } from '../plan/types';
import { SQL_LINEAGE_RULE_SEVERITIES, SqlLineageRule } from './lineageRuleIds';
import { SqlCreatedObject, SqlLineage, SqlReference } from './readSqlLineage';
import { SqlLineageReader } from './sqlLineageReader';

/**
 * An object an object's SQL uses, with the planned object it names.
 *
 * @public
 */
export interface SqlObjectUse extends SqlReference {
  /** The key (`objectKey`) of the one planned object it names; unset for an object outside the plan. */
  planned?: string;
}

/**
 * What one planned object's SQL creates and uses, against its entry in the plan.
 *
 * @public
 */
export interface SqlObjectLineage {
  /** The object's key, as `objectKey` gives it. */
  key: string;
  /** The object's name as the plan writes it. */
  object: string;
  /** The SQL file's path, as given. */
  path: string;
  /** Whether a reader understood the file: it creates or uses something, and nothing in it went unread. */
  understood: boolean;
  /** What the file's own CREATE statements make, in order. */
  creates: SqlCreatedObject[];
  /** Every object the SQL uses, in the order first named. */
  uses: SqlObjectUse[];
  /** The planned objects the SQL uses that the object's Dependencies do not list. */
  undeclared: SqlObjectUse[];
  /** The Dependencies, as written, that the SQL never uses (none when part of it went unread). */
  unused: string[];
}

/**
 * The SQL lineage rules' findings and each checked object's lineage.
 *
 * @public
 */
export interface SqlLineageCheck {
  /** The rules' findings, with the policy's severities applied, each with a content key. */
  findings: PlanDiagnostic[];
  /** One entry per object that has SQL, in the plan's order. */
  lineage: SqlObjectLineage[];
}

/**
 * Options of {@link checkSqlLineage}.
 *
 * @public
 */
export interface CheckSqlLineageOptions {
  /** The policy's severities, which change or turn off these rules as any other. */
  severities?: PlanPolicy['severities'];
}

/** Whether two names can be one object: the shorter one is the longer one's trailing parts. */
function namesMatch(a: ObjectIdentifier, b: ObjectIdentifier): boolean {
  return a.depth >= b.depth
    ? nameAtDepth(a, b.depth) === b.key
    : nameAtDepth(b, a.depth) === a.key;
}

/**
 * Names that answer in constant time whether one of them can be the same object as a
 * given name ({@link namesMatch}), so that thousands of dependencies against thousands of
 * uses stay linear.
 */
class NameSet {
  // Each name's trailing parts at each depth, and each name whole, by depth.
  readonly #trailing = new Set<string>();
  readonly #whole = new Set<string>();

  add(name: ObjectIdentifier) {
    for (let depth = 1; depth <= name.depth; depth++) {
      this.#trailing.add(`${depth}:${nameAtDepth(name, depth)}`);
    }
    this.#whole.add(`${name.depth}:${name.key}`);
  }

  matches(name: ObjectIdentifier): boolean {
    if (this.#trailing.has(`${name.depth}:${name.key}`)) return true;
    for (let depth = 1; depth < name.depth; depth++) {
      if (this.#whole.has(`${depth}:${nameAtDepth(name, depth)}`)) return true;
    }
    return false;
  }
}

function read(reader: SqlLineageReader, text: string): SqlLineage | undefined {
  try {
    return reader.read(text);
  } catch {
    // A reader that fails has understood nothing; the rule says so.
    return undefined;
  }
}

/**
 * Compares what each planned object's SQL really does with the plan: the SQL's uses of
 * other planned objects against the object's Dependencies (both ways), what the file
 * creates against the object's name and kind, and the layer order against what the SQL
 * reads. `sqlByObject` holds each object's SQL by its key (`objectKey`, as `parsePlan`
 * sets it); objects without SQL are not checked. Names outside the plan (external
 * sources) are no findings unless a Dependency names them. A file no reader understands
 * is one info finding and never a dependency finding. Pure and synchronous.
 *
 * @public
 */
export function checkSqlLineage(
  plan: Pick<ParsedPlan, 'objects' | 'layers'>,
  sqlByObject: ReadonlyMap<string, { path: string; text: string }>,
  reader: SqlLineageReader,
  options: CheckSqlLineageOptions = {},
): SqlLineageCheck {
  const { objects } = plan;
  const fallbackKeys = objects.every(o => o.key)
    ? undefined
    : uniqueKeys(objects, objectKey);
  const keys = objects.map((o, i) => o.key ?? fallbackKeys![i]);
  const graph = buildObjectGraph(objects);
  const { identifiers } = graph;
  const resolve = objectResolver(identifiers);
  // A planned name shorter than the SQL's (`ORDERS` for `DB.RAW.ORDERS`) by its key.
  const shortNames = new Map<string, number>();
  identifiers.forEach((identifier, index) => {
    if (identifier && identifier.depth < 3 && !shortNames.has(identifier.key)) {
      shortNames.set(identifier.key, index);
    }
  });
  const plannedIndex = (name: ObjectIdentifier): number | undefined => {
    const resolution = resolve(name);
    if (typeof resolution === 'number') return resolution;
    if (resolution !== 'unknown') return undefined;
    for (let depth = name.depth - 1; depth >= 1; depth--) {
      const index = shortNames.get(nameAtDepth(name, depth));
      if (index !== undefined && identifiers[index]!.depth === depth) {
        return index;
      }
    }
    return undefined;
  };
  const direction = layerDirection(plan.layers);
  const unique = occurrenceKeys();
  const findings: PlanDiagnostic[] = [];
  const report = (
    rule: SqlLineageRule,
    subject: string,
    message: string,
    line: number,
  ) => {
    findings.push({
      key: unique(findingKey(rule, subject)),
      severity: SQL_LINEAGE_RULE_SEVERITIES[rule],
      rule,
      message,
      ...(line ? { line } : {}),
    });
  };
  const lineage: SqlObjectLineage[] = [];

  objects.forEach((object, index) => {
    const key = keys[index];
    const sql = sqlByObject.get(key);
    if (!sql) return;
    const { path } = sql;
    const found = read(reader, sql.text);
    const understood = Boolean(
      found &&
        (found.creates.length || found.references.length) &&
        !found.unread.length,
    );
    const entry: SqlObjectLineage = {
      key,
      object: object.name,
      path,
      understood,
      creates: found?.creates ?? [],
      uses: [],
      undeclared: [],
      unused: [],
    };
    lineage.push(entry);
    if (
      !found ||
      (!found.creates.length &&
        !found.references.length &&
        !found.unread.length)
    ) {
      report(
        'sql-not-understood',
        key,
        `The SQL of ${object.name} (${path}) could not be read: no statement in it creates or uses an object that a reader understood`,
        object.line,
      );
      return;
    }
    for (const unread of found.unread) {
      report(
        'sql-not-understood',
        key,
        `Part of the SQL of ${object.name} (${path}) is not read (line ${unread.line}: ${unread.reason}): what it uses there is unknown`,
        object.line,
      );
    }

    const identifier = identifiers[index];
    if (identifier) {
      const own = found.creates.find(c => namesMatch(c.name, identifier));
      const expected = object.kind
        ? `${object.kind} ${object.name}`
        : object.name;
      if (!own) {
        const first = found.creates[0];
        report(
          'sql-object-mismatch',
          key,
          first
            ? `${path} creates ${first.kind} ${first.name.key} (line ${first.line}), not ${expected} as its plan entry says`
            : `${path} creates no object; its plan entry expects it to create ${expected}`,
          object.line,
        );
      } else if (object.kind && own.kind !== object.kind) {
        report(
          'sql-object-mismatch',
          key,
          `${path} creates ${object.name} as a ${own.kind} (line ${own.line}), but its plan entry is a ${object.kind}`,
          object.line,
        );
      }
    }

    const declared = new Set(graph.dependsOn[index]);
    // Dependencies that name no single planned object match the SQL's names by name.
    const byName = object.dependencies.map((dependency, depIndex) =>
      typeof graph.resolutions[index][depIndex] === 'number'
        ? undefined
        : parseIdentifier(dependency),
    );
    const declaredNames = new NameSet();
    for (const name of byName) if (name) declaredNames.add(name);
    const usedNames = new NameSet();
    for (const reference of found.references) usedNames.add(reference.name);
    const usedTargets = new Set<number>();
    for (const reference of found.references) {
      const target = plannedIndex(reference.name);
      if (target === index) continue;
      const use: SqlObjectUse =
        target === undefined
          ? reference
          : { ...reference, planned: keys[target] };
      entry.uses.push(use);
      if (target === undefined) continue;
      usedTargets.add(target);
      if (declared.has(target)) continue;
      if (declaredNames.matches(reference.name)) continue;
      entry.undeclared.push(use);
      const targetObject = objects[target];
      const subject = `${key}:${contentKey('uses', identifiers[target]!.key)}`;
      const where = `${reference.clause}, ${path} line ${reference.line}`;
      report(
        'sql-undeclared-dependency',
        subject,
        `${object.name} uses ${targetObject.name} (${where}), which its Dependencies do not list`,
        object.line,
      );
      if (direction.breaks(object.layer, targetObject.layer)) {
        report(
          'sql-layer-direction',
          subject,
          `${object.name} (${object.layer}) uses ${targetObject.name} (${targetObject.layer}) in its SQL (${where}): ${direction.rule}`,
          object.line,
        );
      }
    }

    // What went unread may use any dependency: none is called unused then.
    if (found.unread.length) return;
    object.dependencies.forEach((dependency, depIndex) => {
      const resolution = graph.resolutions[index][depIndex];
      let used: boolean;
      if (typeof resolution === 'number') {
        if (resolution === index) return;
        used = usedTargets.has(resolution);
      } else {
        const name = byName[depIndex];
        // A dependency that is no name (a placeholder) cannot be judged.
        if (!name) return;
        used = usedNames.matches(name);
      }
      if (used) return;
      entry.unused.push(dependency);
      report(
        'sql-unused-dependency',
        `${key}:${contentKey('dependency', dependency)}`,
        `${object.name} lists ${dependency} in its Dependencies, but its SQL (${path}) does not use it`,
        object.line,
      );
    });
  });

  return { findings: applySeverity(findings, options.severities), lineage };
}
