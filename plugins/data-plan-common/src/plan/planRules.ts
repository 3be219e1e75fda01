/*
 * Custom plan rules: checks an organisation registers beside the built-in ones. A rule is
 * a pure function of the parsed plan and its evaluation; its findings go through the
 * policy's severities and get content keys like every other finding.
 */
import type { Entity } from '@backstage/catalog-model';
import { BUILT_IN_RULES, RuleRunRule } from './builtInRules';
import { countBySeverity } from './countBySeverity';
import type { PlanEvaluation } from './evaluatePlan';
import { findingKey, occurrenceKeys, ruleKey } from './findingKeys';
import { ownValue, PlanPolicy } from './policy';
import { isRuleId, MAX_RULE_ID_LENGTH } from './ruleIds';
import { ParsedPlan, PlanDiagnostic, Severity, SEVERITIES } from './types';

/**
 * What a rule checks: the plan, its evaluation under the policy (without the findings of
 * custom rules), and the catalog entity it belongs to when there is one (POST /lint has
 * none).
 *
 * @public
 */
export interface PlanRuleContext {
  /** The parsed plan. */
  plan: ParsedPlan;
  /** Its evaluation under the policy, without custom rules' findings. */
  evaluation: PlanEvaluation;
  /** The catalog entity the plan belongs to, when there is one. */
  entity?: Entity;
}

/**
 * One thing a rule found.
 *
 * @public
 */
export interface RuleFinding {
  /**
   * The content key of what the finding is about, e.g. `objectKey(object)` or an object's
   * key and a dependency's; omitted for a finding about the whole plan. Never a position
   * or a line, so that the finding keeps its key when rows are inserted elsewhere.
   */
  subject?: string;
  /** What is wrong, in a sentence the tab and the CLI show. */
  message: string;
  /** 1-based line in the plan document. */
  line?: number;
}

/**
 * A check an organisation adds to the built-in ones. Pure and synchronous: the same plan
 * gives the same findings, and the rule changes neither the plan nor the evaluation.
 *
 * @public
 */
export interface PlanRule {
  /** Stable id, as policies' `severities` name it: lower-case words joined by `-`. */
  id: string;
  /** A short name for lists of rules. */
  title: string;
  /** What the rule checks and why, for documentation. */
  description?: string;
  /** The findings' severity unless the policy sets one for the rule. */
  defaultSeverity: Severity;
  /**
   * Changed whenever the rule's findings change for the same plan: stored evaluations are
   * keyed by it, and a new version re-evaluates them.
   */
  version: string | number;
  /** The rule's findings for one plan; an empty list when it holds. */
  check(context: PlanRuleContext): RuleFinding[];
}

/**
 * How {@link applyPlanRules} runs the rules.
 *
 * @public
 */
export interface ApplyPlanRulesOptions {
  /** The policy the evaluation was made under: its severities apply to the rules too. */
  policy?: PlanPolicy;
  /** The catalog entity the plan belongs to, when there is one. */
  entity?: Entity;
  /**
   * Milliseconds the rules may take together. Rules run synchronously and cannot be
   * interrupted: once they have taken longer, no further rule runs and their findings
   * are replaced by one `rules-over-budget` finding. Default: no budget.
   */
  budgetMs?: number;
  /** The clock the budget is measured with, in milliseconds. Default `performance.now`. */
  now?: () => number;
}

/**
 * Why a rule cannot be registered beside `registered` (the ids taken before it), or
 * `undefined` when it can: its id is malformed, built in or taken, or it lacks a field.
 *
 * @public
 */
export function planRuleProblem(
  rule: PlanRule,
  registered: ReadonlySet<string>,
): string | undefined {
  const id = (rule as Partial<PlanRule> | undefined)?.id;
  if (typeof id !== 'string' || id.length === 0) {
    return 'A plan rule must have an id';
  }
  const shown = JSON.stringify(id.slice(0, MAX_RULE_ID_LENGTH));
  if (!isRuleId(id)) {
    return `Plan rule id ${shown} must be lower-case words joined by '-', at most ${MAX_RULE_ID_LENGTH} characters`;
  }
  if (BUILT_IN_RULES.has(id)) {
    return `Plan rule id ${shown} is a built-in rule's id`;
  }
  if (registered.has(id)) {
    return `Plan rule id ${shown} is registered twice`;
  }
  if (!(SEVERITIES as readonly string[]).includes(rule.defaultSeverity)) {
    return `Plan rule ${shown} must have a defaultSeverity of ${SEVERITIES.join(
      ', ',
    )}`;
  }
  const { version } = rule;
  if (
    !(typeof version === 'string' && version !== '') &&
    !(typeof version === 'number' && Number.isFinite(version))
  ) {
    return `Plan rule ${shown} must have a version (text or a number)`;
  }
  if (typeof rule.check !== 'function') {
    return `Plan rule ${shown} must have a check function`;
  }
  return undefined;
}

function defaultNow(): number {
  return performance.now();
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** The rule's findings as a list of well-formed ones; throws for anything else. */
function checked(found: unknown): RuleFinding[] {
  if (!Array.isArray(found)) {
    throw new TypeError('check did not return a list of findings');
  }
  for (const finding of found as unknown[]) {
    const { subject, message, line } = (finding ?? {}) as Record<
      string,
      unknown
    >;
    if (typeof message !== 'string') {
      throw new TypeError('a finding has no message');
    }
    if (subject !== undefined && typeof subject !== 'string') {
      throw new TypeError('a finding has a subject that is not text');
    }
    if (
      line !== undefined &&
      !(typeof line === 'number' && Number.isInteger(line) && line >= 1)
    ) {
      throw new TypeError('a finding has a line that is not a whole number');
    }
  }
  return found as RuleFinding[];
}

/**
 * Runs registered rules over a plan and its evaluation, and returns the evaluation with
 * their findings added to its findings and summary counts. Each rule's findings take the
 * policy's severity for the rule, else the rule's default; `off` skips the rule.
 *
 * Never throws for a rule: a rule that throws, or returns something other than findings,
 * is one `rule-failed` warning naming it (a warning, not an error: the plan is not known
 * to be wrong, but its check did not run, which should not pass unseen). A policy severity
 * for an id that is neither built in nor among `rules` is one `unknown-rule` info finding,
 * so a policy written for a module that is not installed is visible but does not fail.
 *
 * @public
 */
export function applyPlanRules(
  result: { plan: ParsedPlan; evaluation: PlanEvaluation },
  rules: ReadonlyArray<PlanRule>,
  options: ApplyPlanRulesOptions = {},
): PlanEvaluation {
  const { plan, evaluation } = result;
  const { policy, entity, budgetMs, now = defaultNow } = options;
  const severities = policy?.severities;
  const unique = occurrenceKeys();
  // The keys taken already stay taken: a rule's key never repeats one of them.
  for (const taken of [...evaluation.diagnostics, ...evaluation.findings]) {
    if (taken.key) unique(taken.key);
  }
  const own: PlanDiagnostic[] = [];
  const runFinding = (
    rule: RuleRunRule,
    severity: Severity,
    message: string,
    subject?: string,
  ): PlanDiagnostic | undefined => {
    const setting = ownValue(severities, rule);
    if (setting === 'off') return undefined;
    return {
      key: unique(findingKey(rule, subject)),
      severity: setting ?? severity,
      rule,
      message,
    };
  };

  const context: PlanRuleContext = entity
    ? { plan, evaluation, entity }
    : { plan, evaluation };
  const started = budgetMs === undefined ? 0 : now();
  // Nothing left of the budget: the rules are over it before they start.
  let overBudget = budgetMs !== undefined && budgetMs <= 0 && rules.length > 0;
  for (const rule of overBudget ? [] : rules) {
    const setting = ownValue(severities, rule.id);
    if (setting === 'off') continue;
    const severity = setting ?? rule.defaultSeverity;
    try {
      for (const found of checked(rule.check(context))) {
        const finding: PlanDiagnostic = {
          key: unique(findingKey(rule.id, found.subject)),
          severity,
          rule: rule.id,
          message: found.message,
        };
        if (found.line !== undefined) finding.line = found.line;
        own.push(finding);
      }
    } catch (error) {
      const failed = runFinding(
        'rule-failed',
        'warning',
        `Rule ${rule.id} (${
          rule.title
        }) failed and did not check the plan: ${describe(error)}`,
        ruleKey(rule.id),
      );
      if (failed) own.push(failed);
    }
    if (budgetMs !== undefined && now() - started > budgetMs) {
      overBudget = true;
      break;
    }
  }
  if (overBudget) {
    own.length = 0;
    const over = runFinding(
      'rules-over-budget',
      'warning',
      `The plan rules took longer than the ${Math.max(
        0,
        Math.floor(budgetMs!),
      )} ms left of the plan's time budget; their findings are left out`,
    );
    if (over) own.push(over);
  }

  if (severities) {
    const registered = new Set(rules.map(rule => rule.id));
    for (const id of Object.keys(severities)) {
      if (BUILT_IN_RULES.has(id) || registered.has(id)) continue;
      const unknown = runFinding(
        'unknown-rule',
        'info',
        `The policy sets a severity for rule ${JSON.stringify(
          id.length > MAX_RULE_ID_LENGTH
            ? `${id.slice(0, MAX_RULE_ID_LENGTH)}…`
            : id,
        )}, which is neither built in nor registered`,
        ruleKey(id),
      );
      if (unknown) own.push(unknown);
    }
  }

  if (own.length === 0) return evaluation;
  const findings = [...evaluation.findings, ...own];
  return {
    ...evaluation,
    findings,
    summary: {
      ...evaluation.summary,
      counts: countBySeverity(evaluation.diagnostics, findings),
    },
  };
}
