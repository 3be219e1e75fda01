/*
 * Content keys: what names a finding, and the entity it is about, across versions of a
 * plan. A key is built from the rule and the subject's content identity (an object's
 * qualified name, a risk's text, a criterion's section and name, a field's name and
 * text), never from a position or a line, so that rows inserted elsewhere leave it alone.
 * Equal keys in one list are told apart by their order among themselves: the second gets
 * `#2`, the third `#3`; only a row with the same identity inserted before them moves them.
 */
import { ObjectIdentifier, parseIdentifier } from './identifiers';
import { ObjectFindingSubject } from './objectFindings';
import { Criterion, ParsedPlan, PlanObject, PlanRisk } from './types';
import { WaiverMatch } from './waiverFile';

const ESCAPES: Record<string, string> = { '%': '%25', ':': '%3A', '#': '%23' };

const SPECIAL = /[%:#]/;

function escapePart(text: string): string {
  // Most parts have nothing to escape: testing first spares a copy of each.
  return SPECIAL.test(text) ? text.replace(/[%:#]/g, c => ESCAPES[c]) : text;
}

/**
 * A key from its parts, each escaped and joined with `:`, so that different parts never
 * give the same key (`%`, `:` and `#` are written `%25`, `%3A` and `%23`).
 *
 * @public
 */
export function contentKey(...parts: string[]): string {
  return parts.map(escapePart).join(':');
}

/**
 * The key of a finding: its rule, then the key of its subject when it has one (a plan
 * without Status has one such finding, about the whole plan).
 *
 * @public
 */
export function findingKey(rule: string, subject?: string): string {
  return subject === undefined
    ? escapePart(rule)
    : `${escapePart(rule)}:${subject}`;
}

/**
 * Hands out keys unique among those it has handed out: the first of equal keys as it is,
 * the next ones with `#2`, `#3`… in the order they are asked for.
 *
 * @public
 */
export function occurrenceKeys(): (key: string) => string {
  const counts = new Map<string, number>();
  const handed = new Set<string>();
  return key => {
    // A key whose subject already ends in `#n` could meet another's `#n`: skip past it.
    // Each handed key splits into one key and one number, so it is skipped at most once.
    let count = counts.get(key) ?? 0;
    let unique: string;
    do {
      count++;
      unique = count === 1 ? key : `${key}#${count}`;
    } while (handed.has(unique));
    counts.set(key, count);
    handed.add(unique);
    return unique;
  };
}

/** Unique keys for a list, from each entry's content key. */
export function uniqueKeys<T>(
  items: readonly T[],
  keyOf: (item: T, index: number) => string,
) {
  const unique = occurrenceKeys();
  return items.map((item, index) => unique(keyOf(item, index)));
}

/**
 * The key of an object: its qualified name as Snowflake compares it, else as written.
 *
 * @public
 */
export function objectKey(object: Pick<PlanObject, 'name'>): string {
  return objectKeyOf(object, parseIdentifier(object.name));
}

/** {@link objectKey} from the identifier already parsed from the object's name. */
function objectKeyOf(
  object: Pick<PlanObject, 'name'>,
  identifier: ObjectIdentifier | undefined,
): string {
  return contentKey('object', identifier?.key ?? object.name.trim());
}

/**
 * The subject of an object rule's finding: the object's key, with the dependency as
 * written for a rule about one dependency, or every member for a cycle (sorted, so that
 * the cycle is the same whichever member it is reported on). `keys` are the objects' keys.
 */
export function objectFindingSubject(
  objects: ReadonlyArray<Pick<PlanObject, 'dependencies'>>,
  keys: readonly string[],
  rule: string,
  subject: ObjectFindingSubject,
): string {
  const key = keys[subject.index];
  if (subject.dependencyIndex !== undefined) {
    const dependency =
      objects[subject.index].dependencies[subject.dependencyIndex];
    return `${key}:${contentKey('dependency', dependency)}`;
  }
  if (rule === 'dependency-cycle' && subject.related) {
    return subject.related
      .map(i => keys[i])
      .sort()
      .join(':');
  }
  return key;
}

/** A risk by its text. */
export function riskKey(risk: Pick<PlanRisk, 'risk'>): string {
  return contentKey('risk', risk.risk);
}

/** A criterion by its section (`technical` or `business`) and its name. */
export function criterionKey(
  section: keyof ParsedPlan['validation'],
  criterion: Pick<Criterion, 'criteria'>,
): string {
  return contentKey('criterion', section, criterion.criteria);
}

/** A reviewer of section 10 by name. */
export function reviewerKey(name: string): string {
  return contentKey('reviewer', name);
}

/** A condition of a policy's status gate by its name, e.g. `minApprovedReviewers`. */
export function gateKey(condition: string): string {
  return contentKey('gate', condition);
}

/**
 * A rule by its id: the subject of a finding about a rule itself (one that failed, one a
 * policy names and nothing registers).
 *
 * @public
 */
export function ruleKey(id: string): string {
  return contentKey('rule', id);
}

/** A field of the plan (a metadata row, a table column, a list entry) by its name and text. */
export function fieldKey(field: string, text: string): string {
  return contentKey('field', field, text);
}

/**
 * The entities' keys, unique in each list, for a plan that has none yet. `identifiers` are
 * those parsed from the objects' names (the object graph's), when the caller has them.
 */
export function entityKeys(
  plan: Pick<ParsedPlan, 'objects' | 'risks' | 'validation'>,
  identifiers?: ReadonlyArray<ObjectIdentifier | undefined>,
) {
  return {
    objects: uniqueKeys(plan.objects, (object, i) =>
      identifiers ? objectKeyOf(object, identifiers[i]) : objectKey(object),
    ),
    risks: uniqueKeys(plan.risks, riskKey),
    technical: uniqueKeys(plan.validation.technical, c =>
      criterionKey('technical', c),
    ),
    business: uniqueKeys(plan.validation.business, c =>
      criterionKey('business', c),
    ),
  };
}

/** Gives a parsed plan's objects, risks and criteria their keys, and returns them. */
export function assignEntityKeys(
  plan: Pick<ParsedPlan, 'objects' | 'risks' | 'validation'>,
  identifiers: ReadonlyArray<ObjectIdentifier | undefined>,
): ReturnType<typeof entityKeys> {
  const keys = entityKeys(plan, identifiers);
  plan.objects.forEach((object, i) => (object.key = keys.objects[i]));
  plan.risks.forEach((risk, i) => (risk.key = keys.risks[i]));
  plan.validation.technical.forEach((c, i) => (c.key = keys.technical[i]));
  plan.validation.business.forEach((c, i) => (c.key = keys.business[i]));
  return keys;
}

/**
 * The subjects a waiver's `file` names: the file, or the folder, as the repository checks
 * key them (`./` and a trailing `/` as a plan may write them left out).
 */
function fileKeys(file: string): string[] {
  let path = file.startsWith('./') ? file.slice(2) : file;
  while (path.endsWith('/')) path = path.slice(0, -1);
  return [contentKey('file', path), contentKey('directory', path)];
}

/**
 * The subjects a waiver's match names, keyed as the findings about them are: an object by
 * its qualified name (as {@link objectKey}), a risk by its text, a criterion by its name in
 * either section, a project file or folder by its path. None for a line, which is no content.
 */
export function waiverSubjects(match: WaiverMatch): string[] {
  if (match.object !== undefined) return [objectKey({ name: match.object })];
  if (match.risk !== undefined) return [riskKey({ risk: match.risk })];
  if (match.criterion !== undefined) {
    const criterion = { criteria: match.criterion };
    return [
      criterionKey('technical', criterion),
      criterionKey('business', criterion),
    ];
  }
  if (match.file !== undefined) return fileKeys(match.file);
  return [];
}

/**
 * A waiver by its rule and what it matches: the subject of the findings about it.
 *
 * @public
 */
export function waiverKey(waiver: {
  rule: string;
  match: WaiverMatch;
}): string {
  const { match } = waiver;
  let what: string;
  if (match.object !== undefined) what = objectKey({ name: match.object });
  else if (match.risk !== undefined) what = riskKey({ risk: match.risk });
  else if (match.criterion !== undefined) {
    what = contentKey('criterion', match.criterion);
  } else if (match.file !== undefined) {
    what = contentKey('file', match.file);
  } else what = contentKey('line', String(match.line));
  return `${contentKey('waiver', waiver.rule)}:${what}`;
}

/**
 * The keys a waiver's own key could have to match a finding: the finding's key without
 * occurrence counts (`#2`), each shorter key that ends at a subject's part (the object
 * of a finding about one of its dependencies, the risk of a finding about one of its
 * cells), and for a subject that is a list of objects (a cycle), each of them.
 */
export function waivableKeys(key: string): string[] {
  // Content never holds a bare `#` (it is escaped): one starts an occurrence count.
  const parts = key.split(':').map(part => {
    const hash = part.indexOf('#');
    return hash < 0 ? part : part.slice(0, hash);
  });
  const keys: string[] = [];
  let prefix = parts[0];
  for (let i = 1; i < parts.length; i++) {
    prefix += `:${parts[i]}`;
    keys.push(prefix);
  }
  const objects = parts.length - 1;
  if (objects >= 4 && objects % 2 === 0) {
    let allObjects = true;
    for (let i = 1; i < parts.length && allObjects; i += 2) {
      allObjects = parts[i] === 'object';
    }
    if (allObjects) {
      for (let i = 3; i < parts.length; i += 2) {
        keys.push(`${parts[0]}:object:${parts[i + 1]}`);
      }
    }
  }
  return keys;
}
