import { InputError } from '@backstage/errors';
import {
  DEFAULT_LAYERS,
  OBJECT_KINDS,
  ObjectKind,
  checkPlanObjects,
  objectFilePath,
} from '@dataplan/plugin-data-plan-common';
import {
  checkLayerList,
  enumField,
  identifierField,
  invalidField,
  layerField,
} from './formFields';
import { formErrorOf } from './objectFindingFields';

/** One object as the template's form gives it. */
export interface ObjectInput {
  name: string;
  layer: string;
  kind: string;
  /** Names of other objects of the project: `A, B` or a list. */
  dependencies?: string | string[];
  definition?: string;
}

/** What the form says about the project, before validation. */
export interface ProjectInput {
  database: string;
  /** Schema per layer; defaults to the layer name in upper case. */
  schemas?: Record<string, string>;
  layers?: string[];
  objects: ObjectInput[];
}

/** A validated object: upper-cased name, known layer and kind, dependencies that exist. */
export interface ProjectObject {
  name: string;
  /** `DATABASE.SCHEMA.NAME`. */
  qualifiedName: string;
  layer: string;
  kind: ObjectKind;
  /** Qualified names of the objects it depends on. */
  dependencies: string[];
  definition?: string;
  /** Where its SQL lives, by `objectFilePath`. */
  file: string;
}

export interface ValidatedProject {
  database: string;
  layers: string[];
  schemas: Record<string, string>;
  objects: ProjectObject[];
}

function dependencyNames(value: ObjectInput['dependencies']): string[] {
  const list = Array.isArray(value) ? value : String(value ?? '').split(',');
  return list.map(name => String(name).trim()).filter(Boolean);
}

/**
 * Validates the project and says which field is wrong and why. The fields themselves
 * first (identifiers, layer names, kinds); then the objects as the plan will hold them
 * are checked by common's object rules (duplicates, layers, dependencies, layer
 * direction, cycles), every finding pointing at its field. Dependencies come back as
 * the qualified names they resolve to.
 */
export function validateProject(input: ProjectInput): ValidatedProject {
  const database = identifierField('database', input.database);
  const layers = input.layers?.length ? [...input.layers] : [...DEFAULT_LAYERS];
  checkLayerList(layers);
  const schemas: Record<string, string> = {};
  for (const layer of layers) {
    schemas[layer] = identifierField(
      `schemas.${layer}`,
      input.schemas?.[layer] ?? layer,
    );
  }
  if (!Array.isArray(input.objects) || input.objects.length === 0) {
    invalidField('objects', 'name at least one object');
  }

  const objects: ProjectObject[] = input.objects.map((object, i) => {
    const name = identifierField(`objects[${i}].name`, object?.name);
    const layer = layerField(`objects[${i}].layer`, object.layer);
    const kind = enumField(
      `objects[${i}].kind`,
      object.kind,
      OBJECT_KINDS,
      `one of ${OBJECT_KINDS.join(', ')}`,
    );
    const definition = object.definition?.trim();
    // A layer the project does not have is a finding below; its schema is its name.
    const schema = schemas[layer] ?? layer.toUpperCase();
    return {
      name,
      qualifiedName: `${database}.${schema}.${name}`,
      layer,
      kind,
      dependencies: [],
      ...(definition ? { definition } : {}),
      file: objectFilePath({ layer, kind, name }),
    };
  });

  const written = input.objects.map(o => dependencyNames(o.dependencies));
  const { findings, dependsOn } = checkPlanObjects(
    objects.map((object, i) => ({
      name: object.qualifiedName,
      file: object.file,
      dependencies: written[i],
    })),
    layers,
  );
  if (findings.length) {
    const formObjects = objects.map((object, i) => ({
      name: object.name,
      layer: object.layer,
      dependencies: written[i],
    }));
    // In the form's order of objects (a stable sort keeps each object's in rule order).
    const errors = [...findings]
      .sort((a, b) => a.index - b.index)
      .map(f => formErrorOf(f, formObjects, layers));
    throw new InputError(errors.join('\n'));
  }
  dependsOn.forEach((targets, i) => {
    objects[i].dependencies = targets.map(t => objects[t].qualifiedName);
  });
  return { database, layers, schemas, objects };
}
