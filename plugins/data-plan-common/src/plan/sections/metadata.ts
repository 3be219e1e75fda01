import { SectionNode, TableRow } from '../blocks';
import { fieldKey } from '../findingKeys';
import { firstTable, ParseContext } from '../context';
import {
  cleanText,
  findPlaceholder,
  plainKey,
  unescapeBrackets,
  unescapeCell,
} from '../text';
import { PLAN_STATUSES, PlanMetadata, PlanStatus } from '../types';

const FIELDS: Array<[RegExp, keyof PlanMetadata]> = [
  [/project\s*id/, 'projectId'],
  [/plan\s*version/, 'planVersion'],
  [/research/, 'linkedResearchVersion'],
  [/spec/, 'linkedSpecVersion'],
  [/generated\s*by|author/, 'generatedBy'],
  [/date/, 'generatedDate'],
  [/effort/, 'effort'],
  [/status/, 'status'],
];

const STATUSES = PLAN_STATUSES;

const STATUS_ALIASES: Record<string, PlanStatus> = {
  IN_REVIEW: 'REVIEW',
  INPROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETE',
  DONE: 'COMPLETE',
};

/** Normalises a written status (`In Progress`, `complete`); undefined when unknown. */
export function parseStatus(text: string): PlanStatus | undefined {
  const key = text
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if ((STATUSES as readonly string[]).includes(key)) return key as PlanStatus;
  return STATUS_ALIASES[key];
}

/**
 * The value of a metadata row: every source cell after the first, pipes and all. The
 * template writes its Status pick-list (`DRAFT | REVIEW | …` in a code span) with
 * unescaped pipes, which GFM splits into cells of their own.
 */
function rowValue(row: TableRow): string {
  return row.sourceCells.slice(1).join('|');
}

// `(?<!\d)`: a number is tried from its first digit only. Without it each later digit of a
// long run starts the number again, which is quadratic; the matches are the same.
export const POINTS =
  /(?<!\d)(\d+(?:\.\d+)?)\s*(?:story\s*points?|sp|points?|pts?)\b/i;
export const HOURS = /(?<!\d)(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)\b/i;

function parseEffort(
  ctx: ParseContext,
  text: string,
  line: number,
): PlanMetadata['effort'] {
  const hadPlaceholder = ctx.placeholder(
    text,
    line,
    'Estimated Effort',
    fieldKey('metadata', 'effort'),
  );
  const points = POINTS.exec(text);
  const hours = HOURS.exec(text);
  const effort: NonNullable<PlanMetadata['effort']> = {};
  if (points) effort.storyPoints = Number(points[1]);
  if (hours) effort.hours = Number(hours[1]);
  if (!points && !hours) {
    if (!hadPlaceholder) {
      ctx.report(
        'warning',
        'invalid-effort',
        `Estimated Effort '${text}' names neither story points nor hours; write e.g. '8 story points / 24 hours'`,
        line,
        fieldKey('metadata', 'effort'),
      );
    }
    return undefined;
  }
  return effort;
}

export function readMetadata(
  ctx: ParseContext,
  node: SectionNode | undefined,
): PlanMetadata {
  const metadata: PlanMetadata = {};
  const table = firstTable(node);
  if (!table) return metadata;
  for (const row of table.rows) {
    const field = plainKey(row.cells[0] ?? '');
    const entry = FIELDS.find(([pattern]) => pattern.test(field));
    if (!entry) continue;
    const key = entry[1];
    const value = unescapeCell(cleanText(rowValue(row)));
    if (!value) continue;
    if (key === 'effort') {
      const effort = parseEffort(ctx, value, row.line);
      if (effort) metadata.effort = effort;
    } else if (key === 'status') {
      if (
        ctx.placeholder(
          value,
          row.line,
          'Status',
          fieldKey('metadata', 'status'),
        )
      )
        continue;
      const status = parseStatus(value);
      if (status) metadata.status = status;
      else {
        ctx.report(
          'error',
          'unknown-status',
          `Status '${value}' is not one of ${STATUSES.join(', ')}`,
          row.line,
          fieldKey('metadata', 'status'),
        );
      }
    } else if (findPlaceholder(value) === undefined) {
      metadata[key] = unescapeBrackets(value);
    } else {
      ctx.placeholder(
        value,
        row.line,
        cleanText(row.cells[0] ?? key),
        fieldKey('metadata', key),
      );
    }
  }
  return metadata;
}
