import { InputError } from '@backstage/errors';
import {
  ListPlansRequest,
  PLAN_STATUSES,
  PlanSortKey,
  PlanStatus,
  Severity,
} from '@dataplan/plugin-data-plan-common';
import { Request } from 'express';

const STATUSES = PLAN_STATUSES;
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .filter((v): v is string => typeof v === 'string')
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
}

function single(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new InputError(`${name}: give it once, as text`);
  return value;
}

/** The list query of GET /plans, /plans/facets and /plans/export.csv, validated. */
export function parseListQuery(req: Request): ListPlansRequest {
  const query = req.query;
  const request: ListPlansRequest = {};
  const owner = list(query.owner);
  if (owner.length) request.owner = owner;
  const status = list(query.status).map(s => s.toUpperCase());
  for (const s of status) {
    if (!STATUSES.includes(s as PlanStatus))
      throw new InputError(
        `status: '${s}' is not one of ${STATUSES.join(', ')}`,
      );
  }
  if (status.length) request.status = status as PlanStatus[];
  const severity = single('severity', query.severity);
  if (severity !== undefined) {
    if (!SEVERITIES.includes(severity as Severity))
      throw new InputError(
        `severity: '${severity}' is not one of ${SEVERITIES.join(', ')}`,
      );
    request.severity = severity as Severity;
  }
  const unmitigated = single('unmitigatedHighRisk', query.unmitigatedHighRisk);
  if (unmitigated !== undefined) {
    if (!['true', 'false'].includes(unmitigated))
      throw new InputError('unmitigatedHighRisk: true or false');
    request.unmitigatedHighRisk = unmitigated === 'true';
  }
  const text = single('text', query.text);
  if (text?.trim()) {
    if (text.length > 200) throw new InputError('text: at most 200 characters');
    request.text = text;
  }
  const sort = single('sort', query.sort);
  if (sort !== undefined) request.sort = sort as PlanSortKey;
  const order = single('order', query.order);
  if (order !== undefined) {
    if (order !== 'asc' && order !== 'desc')
      throw new InputError("order: 'asc' or 'desc'");
    request.order = order;
  }
  const limit = single('limit', query.limit);
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500)
      throw new InputError('limit: a whole number from 1 to 500');
    request.limit = n;
  }
  const cursor = single('cursor', query.cursor);
  if (cursor) request.cursor = cursor;
  return request;
}
