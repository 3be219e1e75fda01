import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  hashPolicy,
  parsePolicyConfig,
  PlanPolicy,
  PolicyConfig,
  PolicyError,
  PolicyFacts,
  PolicyRuleVersion,
  resolvePolicy,
} from '@dataplan/plugin-data-plan-common';

/** The policy a plan is evaluated under, with its name and the hash its result is stored by. */
export interface AppliedPolicy {
  /** The matching scope's name, or `default`. */
  name: string;
  policy: PlanPolicy;
  hash: string;
}

/** Which policy applies to which data project. */
export interface PlanPolicies {
  /** The policy of a data project: the first scope its catalog fields match, else the default. */
  forEntity(entity: Entity): AppliedPolicy;
  /** The default policy: for a plan without a project, such as POST /lint's. */
  forDefault(): AppliedPolicy;
}

/** The catalog fields a policy's scopes match on. */
export const POLICY_ENTITY_FIELDS = [
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
  'metadata.tags',
] as const;

function refOf(
  value: unknown,
  defaultKind: string,
  namespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
    );
  } catch {
    return value;
  }
}

/** What a policy's scopes may match in an entity: its owner and system as full refs. */
export function policyFactsOf(entity: Entity): PolicyFacts {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const namespace = entity.metadata.namespace ?? 'default';
  const facts: PolicyFacts = {};
  const owner = refOf(spec.owner, 'group', namespace);
  if (owner) facts.owner = owner;
  const system = refOf(spec.system, 'system', namespace);
  if (system) facts.system = system;
  if (typeof spec.lifecycle === 'string' && spec.lifecycle) {
    facts.lifecycle = spec.lifecycle;
  }
  const tags = entity.metadata.tags;
  if (Array.isArray(tags)) {
    facts.tags = tags.filter((tag): tag is string => typeof tag === 'string');
  }
  return facts;
}

/** {@link PlanPolicies} from `dataPlan.policy`. */
export class ConfigPlanPolicies implements PlanPolicies {
  /**
   * Reads `dataPlan.policy`; a policy that is not valid stops the backend, naming the field.
   * `rules`, the registered plan rules, take part in every policy's hash.
   */
  static fromConfig(
    config: RootConfigService,
    options: { rules?: ReadonlyArray<PolicyRuleVersion> } = {},
  ): ConfigPlanPolicies {
    const value = config.getOptional('dataPlan.policy');
    if (value === undefined) {
      return new ConfigPlanPolicies(undefined, options.rules);
    }
    try {
      return new ConfigPlanPolicies(parsePolicyConfig(value), options.rules);
    } catch (error) {
      if (error instanceof PolicyError) {
        throw new Error(`Invalid dataPlan.policy: ${error.message}`);
      }
      throw error;
    }
  }

  static create(
    config?: PolicyConfig,
    options: { rules?: ReadonlyArray<PolicyRuleVersion> } = {},
  ): ConfigPlanPolicies {
    return new ConfigPlanPolicies(config, options.rules);
  }

  readonly #config: PolicyConfig | undefined;
  readonly #rules: ReadonlyArray<PolicyRuleVersion> | undefined;
  /** Each scope's policy is the same for every project it matches: hashed once. */
  readonly #applied = new Map<string, AppliedPolicy>();

  private constructor(
    config: PolicyConfig | undefined,
    rules: ReadonlyArray<PolicyRuleVersion> | undefined,
  ) {
    this.#config = config;
    this.#rules = rules;
  }

  forEntity(entity: Entity): AppliedPolicy {
    return this.#apply(policyFactsOf(entity));
  }

  forDefault(): AppliedPolicy {
    return this.#apply({});
  }

  #apply(facts: PolicyFacts): AppliedPolicy {
    const { name, policy } = resolvePolicy(this.#config, facts);
    let applied = this.#applied.get(name);
    if (!applied) {
      applied = { name, policy, hash: hashPolicy(policy, this.#rules) };
      this.#applied.set(name, applied);
    }
    return applied;
  }
}
