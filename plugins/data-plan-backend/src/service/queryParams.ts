import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ListPlansRequest,
  ROLLUP_FILTER_KINDS,
} from '@dataplan/plugin-data-plan-common';
import { entityRefKey } from './entityRefKey';

/**
 * A `system` or `group` filter as the store compares it: a full entity ref of its kind, in
 * lower case. The spec has checked its shape (`kind:namespace/name`); the kind is checked here.
 */
function refFilter(
  field: keyof typeof ROLLUP_FILTER_KINDS,
  value: string,
): string {
  const kind = ROLLUP_FILTER_KINDS[field];
  let ref;
  try {
    ref = parseEntityRef(value);
  } catch {
    throw new InputError(`${field}: '${value}' is not an entity ref`);
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== kind) {
    throw new InputError(
      `${field}: give a ${kind} entity ref, ${kind}:<namespace>/<name>`,
    );
  }
  return entityRefKey(ref);
}

/**
 * The list query of GET /plans, /plans/facets and /plans/export.csv, as the OpenAPI
 * validator leaves it (each value checked against the spec, numbers and booleans coerced):
 * owners given both ways (`owner=a,b` and `owner=a&owner=b`) become one list, blank
 * text is no filter, and a system or group is a ref of its kind, in lower case (an
 * InputError naming the field says what is wrong).
 */
export function parseListQuery(query: ListPlansRequest): ListPlansRequest {
  const { owner, text, system, group, ...rest } = query;
  const request: ListPlansRequest = { ...rest };
  const owners = (owner ?? [])
    .flatMap(o => o.split(','))
    .map(o => o.trim())
    .filter(Boolean);
  if (owners.length) request.owner = owners;
  if (text?.trim()) request.text = text;
  if (system) request.system = refFilter('system', system);
  if (group) request.group = refFilter('group', group);
  return request;
}
