import { ownValue, PlanPolicy } from './policy';
import { PlanDiagnostic } from './types';

/**
 * The diagnostics with the policy's severity of each one's rule; `off` drops them.
 *
 * @public
 */
export function applySeverity(
  diagnostics: PlanDiagnostic[],
  severities: PlanPolicy['severities'],
): PlanDiagnostic[] {
  if (!severities) return diagnostics;
  const result: PlanDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const override = ownValue(severities, diagnostic.rule);
    if (override === 'off') continue;
    result.push(override ? { ...diagnostic, severity: override } : diagnostic);
  }
  return result;
}
