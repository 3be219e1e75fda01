import { ObjectFinding, ObjectRule } from '@dataplan/plugin-data-plan-common';

/** What the form said about one object, as the findings refer to it. */
export interface FormObject {
  /** Upper-cased, without database and schema. */
  name: string;
  layer: string;
  /** Its dependencies as the form wrote them. */
  dependencies: string[];
}

/** Everything a finding's form error may need. */
interface FindingContext {
  finding: ObjectFinding;
  objects: readonly FormObject[];
  layers: readonly string[];
}

type FieldError = (context: FindingContext) => { field: string; why: string };

const onObject =
  (field?: 'name' | 'layer' | 'dependencies'): FieldError =>
  ({ finding }) => ({
    field: `objects[${finding.index}]${field ? `.${field}` : ''}`,
    why: finding.message,
  });

const dependencyField = (finding: ObjectFinding) =>
  `objects[${finding.index}].dependencies`;

const written = ({ finding, objects }: FindingContext) =>
  objects[finding.index].dependencies[finding.dependencyIndex!];

const related = ({ finding, objects }: FindingContext) =>
  (finding.related ?? []).map(i => objects[i]);

/**
 * The form field each of common's object rules points at, and the reason in the form's
 * terms. Files and names come from the form's fields through the path convention, so the
 * rules about files (and a name the fields already accepted) point at the whole object
 * with the parser's own words.
 */
const FIELD_ERRORS: Record<ObjectRule, FieldError> = {
  'invalid-object-name': onObject('name'),
  'duplicate-object': context => ({
    field: `objects[${context.finding.index}].name`,
    why: `'${
      context.objects[context.finding.index].name
    }' is listed twice (also objects[${context.finding.related![0]}])`,
  }),
  'missing-file': onObject(),
  'path-traversal': onObject(),
  'file-path-layout': onObject(),
  'file-name-mismatch': onObject(),
  'unknown-layer': ({ finding, objects, layers }) => ({
    field: `objects[${finding.index}].layer`,
    why: `'${
      objects[finding.index].layer
    }' is not one of the project's layers (${layers.join(', ')})`,
  }),
  'unknown-dependency': context => ({
    field: dependencyField(context.finding),
    why: `'${written(context)}' is not an object of this project`,
  }),
  'ambiguous-dependency': context => ({
    field: dependencyField(context.finding),
    why: `'${written(context)}' names more than one object (${related(context)
      .map(o => `${o.name} in ${o.layer}`)
      .join(', ')}): write it with its schema`,
  }),
  'layer-direction': context => {
    const object = context.objects[context.finding.index];
    const [target] = related(context);
    return {
      field: dependencyField(context.finding),
      why: `${object.name} (${object.layer}) cannot depend on ${target.name} (${target.layer}): a layer depends only on itself and the layers before it`,
    };
  },
  'dependency-cycle': context => {
    const names = related(context).map(o => o.name);
    return {
      field: dependencyField(context.finding),
      why:
        names.length === 1
          ? `${names[0]} depends on itself`
          : `dependency cycle among ${names.join(', ')}`,
    };
  },
};

/** A finding of `checkPlanObjects` as the form error it stands for: `objects[2].dependencies: …`. */
export function formErrorOf(
  finding: ObjectFinding,
  objects: readonly FormObject[],
  layers: readonly string[],
): string {
  const { field, why } = FIELD_ERRORS[finding.rule]({
    finding,
    objects,
    layers,
  });
  return `${field}: ${why}`;
}
