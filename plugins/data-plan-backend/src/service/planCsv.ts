import { PlanSummary } from '@dataplan/plugin-data-plan-common';
import { csvRow } from './csv';

/** The header row of GET /plans/export.csv. */
export const PLAN_CSV_HEADER = csvRow([
  'entity_ref',
  'title',
  'owner',
  'status',
  'plan_version',
  'objects',
  'risks',
  'high_risks',
  'unmitigated_high_impact_risks',
  'top_risk_score',
  'validation_pass',
  'validation_fail',
  'validation_pending',
  'validation_unknown',
  'errors',
  'warnings',
  'last_refreshed_at',
  'last_error',
]);

// A page the store serves again from its read cache is the same array: it is formatted once,
// and its rows live exactly as long as the cached page does.
const formatted = new WeakMap<readonly PlanSummary[], string>();

/** The CSV rows of one page of the export. */
export function planCsvRows(items: readonly PlanSummary[]): string {
  let rows = formatted.get(items);
  if (rows === undefined) {
    rows = items
      .map(p =>
        csvRow([
          p.entityRef,
          p.title,
          p.owner,
          p.status,
          p.planVersion,
          p.objects,
          p.risks.total,
          p.risks.high,
          p.risks.unmitigated,
          p.risks.topScore,
          p.validation.pass,
          p.validation.fail,
          p.validation.pending,
          p.validation.unknown,
          p.findings.error,
          p.findings.warning,
          p.lastRefreshedAt,
          p.lastError,
        ]),
      )
      .join('');
    formatted.set(items, rows);
  }
  return rows;
}
