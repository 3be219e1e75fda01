import {
  countBySeverity,
  PlanDiagnostic,
  WAIVER_RULES,
} from '@dataplan/plugin-data-plan-common';
import { CliIo } from './io';

const WAIVER_RULE_IDS: ReadonlySet<string> = new Set(WAIVER_RULES);

/**
 * `FILE:LINE rule message`, the format editors and CI problem matchers read; a waived one
 * says so, with its reason, approver and expiry, after the message.
 */
export function formatDiagnostic(
  file: string,
  diagnostic: PlanDiagnostic,
): string {
  const where = diagnostic.line ? `${file}:${diagnostic.line}` : file;
  const text = `${where} ${diagnostic.rule} ${diagnostic.message}`;
  const { waiver } = diagnostic;
  return waiver
    ? `${text} (waived until ${waiver.expires} by ${waiver.approvedBy}: ${waiver.reason})`
    : text;
}

/** The counts of what is not waived, and how many are waived when any are. */
export function summaryLine(diagnostics: PlanDiagnostic[]): string {
  const counts = countBySeverity(diagnostics);
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? '' : 's'}`;
  const waived = diagnostics.filter(d => d.waiver !== undefined).length;
  return `${plural(counts.error, 'error')}, ${plural(
    counts.warning,
    'warning',
  )}, ${counts.info} info${waived > 0 ? `, ${waived} waived` : ''}`;
}

/** Diagnostics ordered by line, those without a line first. */
export function byLine(diagnostics: PlanDiagnostic[]): PlanDiagnostic[] {
  return [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Writes diagnostics as `FILE:LINE rule message` lines and a count, or as one JSON object,
 * and returns the exit code: 1 when any that is not waived is an error. The findings
 * about waivers name the waiver file rather than the plan.
 */
export function writeReport(
  io: CliIo,
  options: {
    format: 'text' | 'json';
    file: string;
    diagnostics: PlanDiagnostic[];
    /** The JSON object's keys for the file and the list. */
    keys: { file: string; list: string };
    /** The waiver file applied, if any. */
    waiversFile?: string;
    /** More of the report for the JSON object, after the list. */
    details?: Record<string, unknown>;
  },
): number {
  const diagnostics = byLine(options.diagnostics);
  const counts = countBySeverity(diagnostics);
  if (options.format === 'json') {
    const report = {
      [options.keys.file]: options.file,
      ...(options.waiversFile === undefined
        ? {}
        : { waivers: options.waiversFile }),
      counts,
      [options.keys.list]: diagnostics,
      ...options.details,
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const diagnostic of diagnostics) {
      const file =
        options.waiversFile !== undefined &&
        WAIVER_RULE_IDS.has(diagnostic.rule)
          ? options.waiversFile
          : options.file;
      io.stdout(`${formatDiagnostic(file, diagnostic)}\n`);
    }
    io.stdout(`${summaryLine(diagnostics)}\n`);
  }
  return counts.error > 0 ? 1 : 0;
}
