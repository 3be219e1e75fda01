/*
 * The rules a policy adds to a plan's evaluation: the sections it requires and the gates
 * of the plan's status. Their findings go through the policy's severities like every
 * other finding.
 */
import { fieldKey, findingKey, gateKey } from './findingKeys';
import {
  ownValue,
  PlanPolicy,
  STATUS_GATE_CONDITIONS,
  StatusGate,
  StatusGateCondition,
} from './policy';
import {
  CriterionResult,
  ParsedPlan,
  PlanDiagnostic,
  PLAN_SECTION_HEADINGS,
  PLAN_SECTION_KEYS,
  PLAN_STATUSES,
  PlanStatus,
  Severity,
} from './types';

/**
 * The rules a policy adds, by their stable ids: a section it requires is missing, a
 * condition of the plan's status gate is not met.
 *
 * @public
 */
export const POLICY_RULES = [
  'missing-required-section',
  'status-gate',
] as const;

/**
 * Id of a rule a policy adds: one of {@link POLICY_RULES}.
 *
 * @public
 */
export type PolicyRule = (typeof POLICY_RULES)[number];

/** Where the policy's rules report: `evaluatePlan`'s list of findings. */
export type PolicyReport = (
  severity: Severity,
  rule: PolicyRule,
  message: string,
  line: number | undefined,
  subject: string,
) => void;

/**
 * The gate that holds at a status: each condition as the gate of the latest status up to
 * it that sets the condition has it. Without a status no gate holds.
 */
export function effectiveGate(
  gates: PlanPolicy['statusGates'],
  status: PlanStatus | undefined,
): StatusGate {
  const gate: StatusGate = {};
  if (!gates || !status) return gate;
  for (const at of PLAN_STATUSES) {
    const own = ownValue(gates, at);
    if (own) {
      for (const condition of STATUS_GATE_CONDITIONS) {
        const value = ownValue(own, condition);
        if (value !== undefined) {
          (gate as Record<StatusGateCondition, unknown>)[condition] = value;
        }
      }
    }
    if (at === status) break;
  }
  return gate;
}

/**
 * Reports each section the policy requires and the plan lacks, and returns the keys of
 * the parser's `missing-section` warnings these errors replace.
 */
export function checkRequiredSections(
  plan: Pick<ParsedPlan, 'sections'>,
  required: PlanPolicy['requiredSections'],
  report: PolicyReport,
): Set<string> {
  const replaced = new Set<string>();
  if (!required || required.length === 0) return replaced;
  const wanted = new Set(required);
  // In the template's order, each once, however the policy lists them.
  for (const key of PLAN_SECTION_KEYS) {
    if (!wanted.has(key) || plan.sections[key] !== undefined) continue;
    const heading = PLAN_SECTION_HEADINGS[key];
    const subject = fieldKey('section', heading);
    report(
      'error',
      'missing-required-section',
      `Section '${heading}' is missing; the policy requires it`,
      undefined,
      subject,
    );
    replaced.add(findingKey('missing-section', subject));
  }
  return replaced;
}

/** What the gates are checked against, as `evaluatePlan` has counted it. */
export interface GateFacts {
  reviewers: number;
  approved: number;
  /** Section 10's `Approved for Implementation`, when stated. */
  executionApproved?: boolean;
  criteria: Record<CriterionResult, number>;
}

/** Reports each condition of the plan's status gate the plan does not meet. */
export function checkStatusGates(
  plan: Pick<ParsedPlan, 'metadata' | 'sections'>,
  gates: PlanPolicy['statusGates'],
  facts: GateFacts,
  report: PolicyReport,
): void {
  const status = plan.metadata.status;
  const gate = effectiveGate(gates, status);
  const unmet = (
    condition: keyof StatusGate,
    actual: string,
    line: number | undefined,
  ) =>
    report(
      'error',
      'status-gate',
      `Plan is ${status} but ${actual} (status gate ${condition}: ${gate[condition]})`,
      line,
      gateKey(condition),
    );
  const { approvals, validation } = plan.sections;
  if (
    gate.minApprovedReviewers !== undefined &&
    facts.approved < gate.minApprovedReviewers
  ) {
    unmet(
      'minApprovedReviewers',
      `${facts.approved} of ${facts.reviewers} reviewers approved it`,
      approvals,
    );
  }
  if (gate.executionApproved === true && facts.executionApproved !== true) {
    unmet(
      'executionApproved',
      facts.executionApproved === false
        ? 'execution is not approved'
        : 'execution approval is not stated',
      approvals,
    );
  }
  if (gate.allCriteriaPass === true) {
    const { pass } = facts.criteria;
    const total = Object.values(facts.criteria).reduce((a, b) => a + b, 0);
    if (pass < total) {
      unmet(
        'allCriteriaPass',
        `${pass} of ${total} validation criteria pass`,
        validation,
      );
    }
  }
}

/** The parser's diagnostics without the `missing-section` warnings a required section's error replaces. */
export function withoutReplaced(
  diagnostics: PlanDiagnostic[],
  replaced: ReadonlySet<string>,
): PlanDiagnostic[] {
  if (replaced.size === 0) return diagnostics;
  return diagnostics.filter(
    d => !(d.rule === 'missing-section' && replaced.has(d.key)),
  );
}
