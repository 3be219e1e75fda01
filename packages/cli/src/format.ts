import {
  countBySeverity,
  PlanDiagnostic,
} from '@dataplan/plugin-data-plan-common';
import { CliIo } from './io';

/** `FILE:LINE rule message`, the format editors and CI problem matchers read. */
export function formatDiagnostic(
  file: string,
  diagnostic: PlanDiagnostic,
): string {
  const where = diagnostic.line ? `${file}:${diagnostic.line}` : file;
  return `${where} ${diagnostic.rule} ${diagnostic.message}`;
}

export function summaryLine(diagnostics: PlanDiagnostic[]): string {
  const counts = countBySeverity(diagnostics);
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(counts.error, 'error')}, ${plural(
    counts.warning,
    'warning',
  )}, ${counts.info} info`;
}

/** Diagnostics ordered by line, those without a line first. */
export function byLine(diagnostics: PlanDiagnostic[]): PlanDiagnostic[] {
  return [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Writes diagnostics as `FILE:LINE rule message` lines and a count, or as one JSON object,
 * and returns the exit code: 1 when any is an error.
 */
export function writeReport(
  io: CliIo,
  options: {
    format: 'text' | 'json';
    file: string;
    diagnostics: PlanDiagnostic[];
    /** The JSON object's keys for the file and the list. */
    keys: { file: string; list: string };
  },
): number {
  const diagnostics = byLine(options.diagnostics);
  const counts = countBySeverity(diagnostics);
  if (options.format === 'json') {
    const report = {
      [options.keys.file]: options.file,
      counts,
      [options.keys.list]: diagnostics,
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const diagnostic of diagnostics) {
      io.stdout(`${formatDiagnostic(options.file, diagnostic)}\n`);
    }
    io.stdout(`${summaryLine(diagnostics)}\n`);
  }
  return counts.error > 0 ? 1 : 0;
}
