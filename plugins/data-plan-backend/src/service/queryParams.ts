import { ListPlansRequest } from '@dataplan/plugin-data-plan-common';

/**
 * The list query of GET /plans, /plans/facets and /plans/export.csv, as the OpenAPI
 * validator leaves it (each value checked against the spec, numbers and booleans coerced):
 * owners given both ways (`owner=a,b` and `owner=a&owner=b`) become one list, and blank
 * text is no filter.
 */
export function parseListQuery(query: ListPlansRequest): ListPlansRequest {
  const { owner, text, ...rest } = query;
  const request: ListPlansRequest = { ...rest };
  const owners = (owner ?? [])
    .flatMap(o => o.split(','))
    .map(o => o.trim())
    .filter(Boolean);
  if (owners.length) request.owner = owners;
  if (text?.trim()) request.text = text;
  return request;
}
