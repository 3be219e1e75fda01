import { PlanPolicy } from '@dataplan/plugin-data-plan-common';
import { CliInputError, readPlanFile } from './readPlanFile';

const SEVERITIES = ['error', 'warning', 'info', 'off'];
const LEVELS = ['low', 'medium', 'high'];

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
    if (!SEVERITIES.includes(severity as string)) {
      fail(`severities.${rule}`, `must be one of ${SEVERITIES.join(', ')}`);
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
    !LEVELS.includes(policy.mitigationRequiredFrom as string)
  ) {
    fail('mitigationRequiredFrom', `must be one of ${LEVELS.join(', ')}`);
  }
  if (
    policy.highRiskScore !== undefined &&
    !(
      Number.isInteger(policy.highRiskScore) &&
      (policy.highRiskScore as number) >= 1 &&
      (policy.highRiskScore as number) <= 9
    )
  ) {
    fail('highRiskScore', 'must be a whole number from 1 to 9');
  }
  return policy as PlanPolicy;
}
