import {
  LinkedDiagnostic,
  PlanDiagnostic,
} from '@dataplan/plugin-data-plan-common';
import { SEVERITY_ORDER } from '../common/SeverityLabel';

function keyOf(d: PlanDiagnostic): string {
  return [d.severity, d.rule, d.line ?? '', d.message].join('\u0000');
}

/**
 * The response's diagnostics and the evaluation's findings as one list, errors first, then
 * by line. The backend already links findings into `diagnostics`, so a finding that is
 * there too appears once, with its link.
 */
export function mergeDiagnostics(
  diagnostics: LinkedDiagnostic[],
  findings: PlanDiagnostic[],
): LinkedDiagnostic[] {
  const seen = new Set(diagnostics.map(keyOf));
  const merged: LinkedDiagnostic[] = [
    ...diagnostics,
    ...findings.filter(finding => !seen.has(keyOf(finding))),
  ];
  return merged
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.diagnostic.severity] -
          SEVERITY_ORDER[b.diagnostic.severity] ||
        (a.diagnostic.line ?? Infinity) - (b.diagnostic.line ?? Infinity) ||
        a.index - b.index,
    )
    .map(({ diagnostic }) => diagnostic);
}
