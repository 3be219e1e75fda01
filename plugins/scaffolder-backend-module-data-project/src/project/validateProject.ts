import { InputError } from '@backstage/errors';
import {
  DEFAULT_LAYERS,
  Level,
  OBJECT_KINDS,
  ObjectKind,
  findCycles,
  isValidLayerName,
  objectFilePath,
} from '@dataplan/plugin-data-plan-common';

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

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,254}$/;

function invalid(field: string, why: string): never {
  throw new InputError(`${field}: ${why}`);
}

function identifier(field: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) invalid(field, 'is required');
  const text = value.trim();
  if (!IDENTIFIER.test(text)) {
    invalid(
      field,
      `'${text}' is not a valid Snowflake identifier: start with a letter or _, then letters, digits, _ or $`,
    );
  }
  return text.toUpperCase();
}

function kindOf(field: string, value: unknown): ObjectKind {
  const word = String(value ?? '')
    .trim()
    .toLowerCase()
    .replace(/s$/, '');
  if (!(OBJECT_KINDS as string[]).includes(word)) {
    invalid(field, `'${value}' is not one of ${OBJECT_KINDS.join(', ')}`);
  }
  return word as ObjectKind;
}

function dependencyNames(value: ObjectInput['dependencies']): string[] {
  const list = Array.isArray(value) ? value : String(value ?? '').split(',');
  return list.map(name => String(name).trim()).filter(Boolean);
}

/** A risk level as the form gives it (`High`, `medium`). */
export function levelOf(field: string, value: unknown): Level {
  const level = String(value ?? '')
    .trim()
    .toLowerCase();
  if (level !== 'low' && level !== 'medium' && level !== 'high') {
    invalid(field, `'${value}' is not low, medium or high`);
  }
  return level;
}

/**
 * Validates the project's objects and says which field is wrong and why: invalid
 * identifiers, unknown layers or kinds, duplicates, dependencies on objects the project
 * does not have, dependencies against the layer order, and dependency cycles (naming every
 * object on them).
 */
export function validateProject(input: ProjectInput): ValidatedProject {
  const database = identifier('database', input.database);
  const layers = input.layers?.length ? input.layers : [...DEFAULT_LAYERS];
  layers.forEach((layer, i) => {
    if (!isValidLayerName(layer)) {
      invalid(
        `layers[${i}]`,
        `'${layer}' is not a valid layer name; use lower-case letters, digits and underscores`,
      );
    }
    if (layers.indexOf(layer) !== i)
      invalid(`layers[${i}]`, `'${layer}' is listed twice`);
  });
  const schemas: Record<string, string> = {};
  for (const layer of layers) {
    schemas[layer] = identifier(
      `schemas.${layer}`,
      input.schemas?.[layer] ?? layer,
    );
  }
  if (!Array.isArray(input.objects) || input.objects.length === 0) {
    invalid('objects', 'name at least one object');
  }

  const byName = new Map<string, number>();
  const objects: ProjectObject[] = input.objects.map((object, i) => {
    const name = identifier(`objects[${i}].name`, object?.name);
    const first = byName.get(name);
    if (first !== undefined) {
      invalid(
        `objects[${i}].name`,
        `'${name}' is listed twice (also objects[${first}])`,
      );
    }
    byName.set(name, i);
    const layer = String(object.layer ?? '').trim();
    if (!layers.includes(layer)) {
      invalid(
        `objects[${i}].layer`,
        `'${layer}' is not one of the project's layers (${layers.join(', ')})`,
      );
    }
    const kind = kindOf(`objects[${i}].kind`, object.kind);
    const definition = object.definition?.trim();
    return {
      name,
      qualifiedName: `${database}.${schemas[layer]}.${name}`,
      layer,
      kind,
      dependencies: [],
      ...(definition ? { definition } : {}),
      file: objectFilePath({ layer, kind, name }),
    };
  });

  const dependsOn: number[][] = objects.map(() => []);
  input.objects.forEach((object, i) => {
    for (const raw of dependencyNames(object.dependencies)) {
      const name = raw.split('.').pop()!.toUpperCase();
      const target = byName.get(name);
      if (target === undefined) {
        invalid(
          `objects[${i}].dependencies`,
          `'${raw}' is not an object of this project`,
        );
      }
      if (
        layers.indexOf(objects[target].layer) > layers.indexOf(objects[i].layer)
      ) {
        invalid(
          `objects[${i}].dependencies`,
          `${objects[i].name} (${objects[i].layer}) cannot depend on ${objects[target].name} (${objects[target].layer}): a layer depends only on itself and the layers before it`,
        );
      }
      if (!dependsOn[i].includes(target)) {
        dependsOn[i].push(target);
        objects[i].dependencies.push(objects[target].qualifiedName);
      }
    }
  });
  const [cycle] = findCycles(objects.length, dependsOn);
  if (cycle) {
    invalid(
      `objects[${cycle[0]}].dependencies`,
      cycle.length === 1
        ? `${objects[cycle[0]].name} depends on itself`
        : `dependency cycle among ${cycle
            .map(i => objects[i].name)
            .join(', ')}`,
    );
  }
  return { database, layers: [...layers], schemas, objects };
}
