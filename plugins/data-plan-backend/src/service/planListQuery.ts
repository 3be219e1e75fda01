import { InputError } from '@backstage/errors';
import {
  DEFAULT_PLAN_SORT,
  ListPlansRequest,
} from '@dataplan/plugin-data-plan-common';
import {
  PLAN_SORT_VALUE_TYPES,
  ListPosition,
  PlanListQuery,
  SortValue,
  SortValueType,
} from '../database/DataPlanStore';

/** A page's cursor: the sort value and entity ref of the last row it sent. */
export function encodeCursor(value: unknown, entityRef: string): string {
  return Buffer.from(JSON.stringify([value, entityRef])).toString('base64url');
}

const INTEGER_TEXT = /^-?\d{1,15}$/;
/** Epoch milliseconds of 10000-01-01: no stored refresh time is later (or before 1970). */
const TIMESTAMP_END = 253402300800000;
const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The cursor's sort value as the store takes it, or undefined if it is not one. */
function sortValueOf(
  value: unknown,
  type: SortValueType,
): SortValue | undefined {
  switch (type) {
    case 'text':
      // PostgreSQL text cannot hold NUL.
      return typeof value === 'string' && !value.includes('\0')
        ? value
        : undefined;
    case 'integer':
      return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 - 1
        ? (value as number)
        : undefined;
    case 'bigint': {
      // PostgreSQL returns bigint as text.
      const n =
        typeof value === 'string' && INTEGER_TEXT.test(value)
          ? Number(value)
          : value;
      return Number.isSafeInteger(n) ? (n as number) : undefined;
    }
    case 'timestamp': {
      const valid =
        (typeof value === 'string' && ISO_TIMESTAMP.test(value)) ||
        (Number.isInteger(value) &&
          (value as number) >= 0 &&
          (value as number) < TIMESTAMP_END);
      const date = valid ? new Date(value as string | number) : undefined;
      return date && !Number.isNaN(date.getTime()) ? date : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The position a cursor carries, checked against the sort it pages: a value of another
 * type would reach the SQL (and fail there on PostgreSQL).
 */
export function decodeCursor(
  cursor: string,
  type: SortValueType,
): ListPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // reported below
  }
  if (
    Array.isArray(decoded) &&
    decoded.length === 2 &&
    typeof decoded[1] === 'string' &&
    !decoded[1].includes('\0')
  ) {
    const sortValue = sortValueOf(decoded[0], type);
    if (sortValue !== undefined) return { sortValue, entityRef: decoded[1] };
  }
  throw new InputError('cursor: not a cursor this API issued');
}

/**
 * The store's query for a list request: its sort checked (the spec allows only the sort
 * keys; this holds for any caller) and its cursor decoded into the position it continues
 * after. An InputError says what is wrong.
 */
export function planListQuery(request: ListPlansRequest): PlanListQuery {
  const { cursor, ...rest } = request;
  const sort = request.sort;
  // Own keys only: `constructor` or `__proto__` must not find a sort.
  if (sort !== undefined && !Object.hasOwn(PLAN_SORT_VALUE_TYPES, sort)) {
    throw new InputError(
      `sort: '${sort}' is not one of ${Object.keys(PLAN_SORT_VALUE_TYPES).join(
        ', ',
      )}`,
    );
  }
  if (!cursor) return rest;
  return {
    ...rest,
    after: decodeCursor(
      cursor,
      PLAN_SORT_VALUE_TYPES[sort ?? DEFAULT_PLAN_SORT],
    ),
  };
}
