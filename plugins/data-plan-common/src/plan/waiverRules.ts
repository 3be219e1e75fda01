import { Severity } from './types';

/**
 * The rules about a plan's waivers, by their stable ids: a waiver that has expired, one
 * that breaks the policy or cannot be read, one that matches no finding.
 *
 * @public
 */
export const WAIVER_RULES = [
  'waiver-expired',
  'waiver-invalid',
  'waiver-unused',
] as const;

/**
 * Id of a rule about a plan's waivers: one of {@link WAIVER_RULES}.
 *
 * @public
 */
export type WaiverRule = (typeof WAIVER_RULES)[number];

/**
 * The severity of each waiver rule's findings unless a policy's `severities` sets another.
 * An expired waiver is a warning (the finding it waived counts again on its own), an
 * invalid one an error (it bypasses review), an unused one is info.
 *
 * @public
 */
export const WAIVER_RULE_SEVERITIES: Readonly<Record<WaiverRule, Severity>> = {
  'waiver-expired': 'warning',
  'waiver-invalid': 'error',
  'waiver-unused': 'info',
};

/** Whether a rule id is one of the waiver rules, whose findings no waiver waives. */
export function isWaiverRule(rule: string): rule is WaiverRule {
  return (WAIVER_RULES as readonly string[]).includes(rule);
}
