import {
  parsePlanPolicy,
  parsePolicyConfig,
  PolicyConfig,
  PolicyError,
} from '@dataplan/plugin-data-plan-common';
import { parse as parseYaml } from 'yaml';
import { CliInputError, readPlanFile } from './readPlanFile';

/** The keys that make a policy file scoped policies rather than one policy. */
const CONFIG_KEYS = ['default', 'scopes'];

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0];
}

function parseText(path: string, text: string): unknown {
  if (/\.json$/i.test(path)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new CliInputError(
        `${path}: is not valid JSON (${firstLine(error)})`,
      );
    }
  }
  // YAML reads JSON too; aliases are bounded by the library's default alias count.
  try {
    return parseYaml(text);
  } catch (error) {
    throw new CliInputError(`${path}: is not valid YAML (${firstLine(error)})`);
  }
}

function isConfig(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    CONFIG_KEYS.some(key => Object.prototype.hasOwnProperty.call(value, key))
  );
}

/**
 * Reads a policy file, JSON (`.json`) or YAML: one policy (see PlanPolicy), or scoped
 * policies (see PolicyConfig: `default` and `scopes`), which it returns either way, one
 * policy as the default. Says which field is wrong when one is.
 */
export async function readPolicyFile(path: string): Promise<PolicyConfig> {
  const value = parseText(path, await readPlanFile(path, 1024 * 1024));
  try {
    return isConfig(value)
      ? parsePolicyConfig(value)
      : { default: parsePlanPolicy(value) };
  } catch (error) {
    if (error instanceof PolicyError) {
      throw new CliInputError(
        `${path}: ${error.field || 'the policy'} ${error.reason}`,
      );
    }
    throw error;
  }
}
