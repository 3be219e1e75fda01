import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { PlanPolicy, StatusGate } from './policy';
import { PlanStatus } from './types';

/**
 * Which projects a scope applies to. Every field given must hold; an empty match holds
 * for every project. `owner` and `system` are entity refs (kind `group` and `system` by
 * default, namespace `default`), compared as the catalog compares them; `lifecycle`
 * ignores case; a list of owners, systems or lifecycles holds when any of them does, and
 * `tags` when the project has all of them.
 *
 * @public
 */
export interface PolicyMatch {
  /** The owner's entity ref, or any of several. */
  owner?: string | string[];
  /** The system's entity ref, or any of several. */
  system?: string | string[];
  /** The lifecycle, or any of several. */
  lifecycle?: string | string[];
  /** Tags the project must all have. */
  tags?: string[];
}

/**
 * A named policy for the projects its match selects.
 *
 * @public
 */
export interface PolicyScope {
  /** Unique among the scopes, and not `default`: the list and the tab show it. */
  name: string;
  /** The projects it applies to. */
  match: PolicyMatch;
  /** Merged over the default policy. */
  policy: PlanPolicy;
}

/**
 * An organisation's policies: the default, and scopes whose policy is merged over it for
 * the projects they match (the first matching scope wins).
 *
 * @public
 */
export interface PolicyConfig {
  /** The policy of a project no scope matches, over the built-in default. */
  default?: PlanPolicy;
  /** Scoped policies, each over the default: a project takes the first that matches. */
  scopes?: PolicyScope[];
}

/**
 * What a scope is matched against: a project's catalog entity's owner and system (entity
 * refs as written in its spec), lifecycle and tags.
 *
 * @public
 */
export interface PolicyFacts {
  /** The owner's full entity ref. */
  owner?: string;
  /** The system's full entity ref. */
  system?: string;
  /** The entity's `spec.lifecycle`. */
  lifecycle?: string;
  /** The entity's `metadata.tags`. */
  tags?: string[];
}

/**
 * The name {@link resolvePolicy} gives the default policy, which no scope may take.
 *
 * @public
 */
export const DEFAULT_POLICY_NAME = 'default';

function list(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : value;
}

/** The ref as the catalog compares it, or undefined when it is not a ref. */
export function normalizeRef(
  ref: string | undefined,
  defaultKind: 'group' | 'system',
): string | undefined {
  if (ref === undefined) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

function refMatches(
  wanted: string | string[] | undefined,
  actual: string | undefined,
  defaultKind: 'group' | 'system',
): boolean {
  const refs = list(wanted);
  if (!refs) return true;
  const ref = normalizeRef(actual, defaultKind);
  return (
    ref !== undefined && refs.some(r => normalizeRef(r, defaultKind) === ref)
  );
}

function lower(text: string): string {
  return text.toLocaleLowerCase('en-US');
}

/** Whether a project with these facts is one the match selects. */
export function policyMatches(match: PolicyMatch, facts: PolicyFacts): boolean {
  if (!refMatches(match.owner, facts.owner, 'group')) return false;
  if (!refMatches(match.system, facts.system, 'system')) return false;
  const lifecycles = list(match.lifecycle);
  if (lifecycles) {
    const lifecycle =
      facts.lifecycle === undefined ? undefined : lower(facts.lifecycle);
    if (!lifecycles.some(l => lower(l) === lifecycle)) return false;
  }
  if (match.tags && match.tags.length > 0) {
    const tags = new Set(facts.tags ?? []);
    if (!match.tags.every(tag => tags.has(tag))) return false;
  }
  return true;
}

/** The defined entries of a record, so that an explicit `undefined` never erases a value. */
function definedEntries<T>(
  record: Partial<Record<string, T>> | undefined,
): Array<[string, T]> {
  return Object.entries(record ?? {}).filter(
    (entry): entry is [string, T] => entry[1] !== undefined,
  );
}

function mergeRecords<T>(
  base: Partial<Record<string, T>> | undefined,
  over: Partial<Record<string, T>> | undefined,
  merge: (a: T | undefined, b: T) => T = (_, b) => b,
): Record<string, T> | undefined {
  if (base === undefined && over === undefined) return undefined;
  // A map, so that a key such as `__proto__` stays a key.
  const result = new Map(definedEntries(base));
  for (const [key, value] of definedEntries(over)) {
    result.set(key, merge(result.get(key), value));
  }
  return Object.fromEntries(result);
}

/** Validation targets are named case-insensitively: the scope's replaces the default's of any case. */
function mergeTargets(
  base: PlanPolicy['validationTargets'],
  over: PlanPolicy['validationTargets'],
): PlanPolicy['validationTargets'] {
  if (!over) return base && mergeRecords(base, undefined);
  const names = new Set(Object.keys(over).map(lower));
  const kept = definedEntries(base).filter(([name]) => !names.has(lower(name)));
  return mergeRecords(Object.fromEntries(kept), over);
}

/**
 * `over` merged over `base`: severities, validation targets, stuck limits and status gates
 * key by key (a status's gate condition by condition), every other field replaced.
 *
 * @public
 */
export function mergePolicies(base: PlanPolicy, over: PlanPolicy): PlanPolicy {
  const result: PlanPolicy = {};
  const scalar = <K extends keyof PlanPolicy>(key: K) => {
    const value = over[key] ?? base[key];
    if (value !== undefined) result[key] = value;
  };
  scalar('mitigationRequiredFrom');
  scalar('highRiskScore');
  scalar('requiredSections');
  scalar('maxWaiverDays');
  const severities = mergeRecords(base.severities, over.severities);
  if (severities) result.severities = severities;
  const targets = mergeTargets(base.validationTargets, over.validationTargets);
  if (targets) result.validationTargets = targets;
  const gates = mergeRecords<StatusGate>(
    base.statusGates,
    over.statusGates,
    (a, b) => mergeRecords<number | boolean>({ ...a }, { ...b }) as StatusGate,
  );
  if (gates)
    result.statusGates = gates as Partial<Record<PlanStatus, StatusGate>>;
  const stuck = mergeRecords(base.stuckAfterDays, over.stuckAfterDays);
  if (stuck) result.stuckAfterDays = stuck;
  return result;
}

/**
 * The policy for a project: the first scope whose match holds for its facts, merged over
 * the default ({@link mergePolicies}), with the scope's name; without one, the default
 * (or an empty policy) named `default`. Pure.
 *
 * @public
 */
export function resolvePolicy(
  config: PolicyConfig | undefined,
  facts: PolicyFacts,
): { name: string; policy: PlanPolicy } {
  const base = config?.default ?? {};
  const scope = config?.scopes?.find(s => policyMatches(s.match, facts));
  if (!scope) return { name: DEFAULT_POLICY_NAME, policy: base };
  return { name: scope.name, policy: mergePolicies(base, scope.policy) };
}
