import { Level, PlanSectionKey, PlanStatus, Severity } from './types';

/**
 * The conditions a status gate can set, in the order their findings are reported.
 *
 * @public
 */
export const STATUS_GATE_CONDITIONS = [
  'minApprovedReviewers',
  'executionApproved',
  'allCriteriaPass',
] as const;

/**
 * A condition of a status gate: one of {@link STATUS_GATE_CONDITIONS}.
 *
 * @public
 */
export type StatusGateCondition = (typeof STATUS_GATE_CONDITIONS)[number];

/**
 * What a plan must meet from a status on. Each condition holds for the status it is set
 * at and every later one, until a later status's gate sets the same condition again.
 *
 * @public
 */
export interface StatusGate {
  /** At least this many reviewers of section 10 have approved. */
  minApprovedReviewers?: number;
  /** `true`: execution is approved in section 10. */
  executionApproved?: boolean;
  /** `true`: every validation criterion passes (a plan without criteria meets it). */
  allCriteriaPass?: boolean;
}

/**
 * What an organisation changes about the checks: severities, validation targets, risk
 * thresholds, the sections a plan must have, the gates of its statuses, and how long a
 * plan may stay in a status.
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
  /** Sections a plan must have: each one missing is a `missing-required-section` error. */
  requiredSections?: PlanSectionKey[];
  /**
   * Gates by status: each condition of a status's gate holds for that status and every
   * later one, unless a later status's gate sets that condition itself. Each unmet
   * condition is a `status-gate` error.
   */
  statusGates?: Partial<Record<PlanStatus, StatusGate>>;
  /** The longest a waiver may last, in days (a positive whole number). */
  maxWaiverDays?: number;
  /** Days a plan may stay in a status before it counts as stuck (see `isStuck`). */
  stuckAfterDays?: Partial<Record<PlanStatus, number>>;
}

/**
 * Defaults of {@link PlanPolicy}.
 *
 * @public
 */
export const DEFAULT_POLICY: Required<
  Omit<
    PlanPolicy,
    | 'severities'
    | 'validationTargets'
    | 'requiredSections'
    | 'statusGates'
    | 'maxWaiverDays'
    | 'stuckAfterDays'
  >
> = {
  mitigationRequiredFrom: 'high',
  highRiskScore: 6,
};

/**
 * A registered rule as it takes part in a policy's hash: when its id or version changes,
 * stored evaluations are stale.
 *
 * @public
 */
export interface PolicyRuleVersion {
  /** The rule's id, as policies name it. */
  id: string;
  /** Changed when the rule's findings change for the same plan. */
  version: string | number;
}

/** Own properties only: a rule id such as `constructor` must not find Object's. */
export function ownValue<R extends object, K extends keyof R & string>(
  record: R | undefined,
  key: K,
): R[K] | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

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

/** The policy as it is hashed: required sections are a set, whatever order they are listed in. */
function canonical(policy: PlanPolicy): PlanPolicy {
  if (!policy.requiredSections) return policy;
  return {
    ...policy,
    requiredSections: [...new Set(policy.requiredSections)].sort(
      compareStrings,
    ),
  };
}

/**
 * A short hash of a policy that is the same for equal policies whatever their key order:
 * stored evaluations are keyed by it. `rules`, the registered custom rules with their
 * versions, take part in it in id order; without any the hash is the policy's alone.
 *
 * @public
 */
export function hashPolicy(
  policy?: PlanPolicy,
  rules?: ReadonlyArray<PolicyRuleVersion>,
): string {
  let text = stableStringify(canonical(policy ?? {}));
  if (rules && rules.length > 0) {
    const sorted = rules
      .map(({ id, version }) => ({ id, version }))
      .sort(
        (a, b) =>
          compareStrings(a.id, b.id) ||
          compareStrings(String(a.version), String(b.version)),
      );
    // A newline never occurs in the policy's JSON: the two parts cannot run together.
    text += `\n${stableStringify(sorted)}`;
  }
  // FNV-1a, 32 bits: not for security, only to tell policies apart.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
