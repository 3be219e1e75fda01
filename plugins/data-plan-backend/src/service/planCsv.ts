import {
  PlanSummary,
  SUMMARY_FIELD_ENTRIES,
} from '@dataplan/plugin-data-plan-common';
import { summaryValue } from '../database/summaryColumns';
import { csvRow } from './csv';

/** The summary fields the export has a column for, in table order. */
const CSV_FIELDS = SUMMARY_FIELD_ENTRIES.filter(
  entry => entry.field.listed && entry.field.csv,
);

/** The header row of GET /plans/export.csv. */
export const PLAN_CSV_HEADER = csvRow(CSV_FIELDS.map(entry => entry.field.csv));

// A page the store serves again from its read cache is the same array: it is formatted once,
// and its rows live exactly as long as the cached page does.
const formatted = new WeakMap<readonly PlanSummary[], string>();

/** The CSV rows of one page of the export. */
export function planCsvRows(items: readonly PlanSummary[]): string {
  let rows = formatted.get(items);
  if (rows === undefined) {
    rows = items
      .map(summary =>
        csvRow(CSV_FIELDS.map(entry => summaryValue(summary, entry))),
      )
      .join('');
    formatted.set(items, rows);
  }
  return rows;
}
