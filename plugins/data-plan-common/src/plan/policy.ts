import { Level, Severity } from './types';

/**
 * What an organisation changes about the checks: severities, validation targets and
 * risk thresholds.
 *
 * @public
 */
export interface PlanPolicy {
  /** Severity per rule id, for diagnostics and findings alike; `off` drops the rule. */
  severities?: Record<string, Severity | 'off'>;
  /** Targets that replace the plan's own, by criterion name (case-insensitive). */
  validationTargets?: Record<string, string>;
  /** Impact from which a risk needs a mitigation. Default `high`. */
  mitigationRequiredFrom?: Level;
  /** Score (1–9) from which a risk counts as high. Default 6. */
  highRiskScore?: number;
}

/**
 * Defaults of {@link PlanPolicy}.
 *
 * @public
 */
export const DEFAULT_POLICY: Required<
  Omit<PlanPolicy, 'severities' | 'validationTargets'>
> = {
  mitigationRequiredFrom: 'high',
  highRiskScore: 6,
};

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object')
    return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b, 'en-US'));
  return `{${entries
    .map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`)
    .join(',')}}`;
}

/**
 * A short hash of a policy that is the same for equal policies whatever their key order:
 * stored evaluations are keyed by it.
 *
 * @public
 */
export function hashPolicy(policy?: PlanPolicy): string {
  const text = stableStringify(policy ?? {});
  // FNV-1a, 32 bits: not for security, only to tell policies apart.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
