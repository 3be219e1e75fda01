import { ConflictError, InputError } from '@backstage/errors';
import { PlanRule, planRuleProblem } from '@dataplan/plugin-data-plan-common';

/** The custom plan rules backend modules register, each id once. */
export class PlanRuleRegistry {
  static create(): PlanRuleRegistry {
    return new PlanRuleRegistry();
  }

  readonly #rules = new Map<string, PlanRule>();

  private constructor() {}

  /** Adds rules; a malformed, built-in or taken id throws, naming it, and adds none of them. */
  addRules(...rules: PlanRule[]): void {
    const ids = new Set(this.#rules.keys());
    for (const rule of rules) {
      const problem = planRuleProblem(rule, ids);
      if (problem) {
        throw ids.has(rule.id)
          ? new ConflictError(problem)
          : new InputError(problem);
      }
      ids.add(rule.id);
    }
    for (const rule of rules) this.#rules.set(rule.id, rule);
  }

  /** The registered rules, in the order they were added. */
  list(): PlanRule[] {
    return [...this.#rules.values()];
  }
}
