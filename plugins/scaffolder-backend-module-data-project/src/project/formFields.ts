import { InputError } from '@backstage/errors';
import {
  isUnquotedIdentifier,
  isValidLayerName,
} from '@dataplan/plugin-data-plan-common';

/** Rejects a form field, naming it and saying why. */
export function invalidField(field: string, why: string): never {
  throw new InputError(`${field}: ${why}`);
}

/** A required unquoted Snowflake identifier, upper-cased as Snowflake compares it. */
export function identifierField(field: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) {
    invalidField(field, 'is required');
  }
  const text = value.trim();
  if (!isUnquotedIdentifier(text)) {
    invalidField(
      field,
      `'${text}' is not a valid Snowflake identifier: start with a letter or _, then letters, digits, _ or $`,
    );
  }
  return text.toUpperCase();
}

/** A layer name that can be a folder of the layout. */
export function layerField(field: string, value: unknown): string {
  const layer = String(value ?? '').trim();
  if (!isValidLayerName(layer)) {
    invalidField(
      field,
      `'${layer}' is not a valid layer name; use lower-case letters, digits and underscores, starting with a letter`,
    );
  }
  return layer;
}

/** The project's layers: valid names, each once. */
export function checkLayerList(layers: readonly string[]): void {
  layers.forEach((layer, index) => {
    layerField(`layers[${index}]`, layer);
    if (layers.indexOf(layer) !== index) {
      invalidField(`layers[${index}]`, `'${layer}' is listed more than once`);
    }
  });
}

/**
 * One of a list of common's (the action schema's enum), for callers that bypass the
 * schema; `says` lists the values in the message.
 */
export function enumField<T extends string>(
  field: string,
  value: unknown,
  values: readonly T[],
  says: string,
): T {
  if (!(values as readonly unknown[]).includes(value)) {
    invalidField(field, `'${value}' is not ${says}`);
  }
  return value as T;
}
