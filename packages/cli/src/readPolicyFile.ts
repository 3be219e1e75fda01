import {
  LEVELS,
  MAX_RISK_SCORE,
  PlanPolicy,
  SEVERITIES,
} from '@dataplan/plugin-data-plan-common';
import { CliInputError, readPlanFile } from './readPlanFile';

/** What a policy may set a rule to: a severity, or `off`. */
const RULE_SETTINGS: readonly string[] = [...SEVERITIES, 'off'];

/** Reads a JSON policy file (see PlanPolicy) and says which key is wrong when it is. */
export async function readPolicyFile(path: string): Promise<PlanPolicy> {
  const text = await readPlanFile(path, 1024 * 1024);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliInputError(
      `${path}: is not valid JSON (${(error as Error).message})`,
    );
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliInputError(`${path}: a policy is a JSON object`);
  }
  const policy = value as Record<string, unknown>;
  const fail = (key: string, why: string) => {
    throw new CliInputError(`${path}: ${key} ${why}`);
  };
  for (const [rule, severity] of Object.entries(
    (policy.severities as object) ?? {},
  )) {
    if (!RULE_SETTINGS.includes(severity as string)) {
      fail(`severities.${rule}`, `must be one of ${RULE_SETTINGS.join(', ')}`);
    }
  }
  for (const [name, target] of Object.entries(
    (policy.validationTargets as object) ?? {},
  )) {
    if (typeof target !== 'string')
      fail(`validationTargets.${name}`, 'must be a string');
  }
  if (
    policy.mitigationRequiredFrom !== undefined &&
    !(LEVELS as readonly unknown[]).includes(policy.mitigationRequiredFrom)
  ) {
    fail('mitigationRequiredFrom', `must be one of ${LEVELS.join(', ')}`);
  }
  if (
    policy.highRiskScore !== undefined &&
    !(
      Number.isInteger(policy.highRiskScore) &&
      (policy.highRiskScore as number) >= 1 &&
      (policy.highRiskScore as number) <= MAX_RISK_SCORE
    )
  ) {
    fail('highRiskScore', `must be a whole number from 1 to ${MAX_RISK_SCORE}`);
  }
  return policy as PlanPolicy;
}
