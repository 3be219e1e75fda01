import { performance } from 'node:perf_hooks';
import { Entity } from '@backstage/catalog-model';
import {
  applyPlanRules,
  applySeverity,
  applyWaivers,
  countBySeverity,
  evaluatePlan,
  ParsedPlan,
  PlanEvaluation,
  PlanPolicy,
  PlanRule,
  PlanWaiver,
  RepositoryReport,
  WaiverFile,
} from '@dataplan/plugin-data-plan-common';

/** The registered plan rules and the time budget they run within. */
export interface PlanRuleSet {
  rules: ReadonlyArray<PlanRule>;
  /** One plan's time budget, in ms: what its parse left of it is the rules'. */
  budgetMs: number;
  /** The clock, in ms. Default `performance.now`. */
  now?: () => number;
}

/** A project's waiver file and how it is judged. */
export interface PlanWaivers {
  file: WaiverFile;
  /** The day the waivers are judged on (its UTC date). */
  today: Date;
  /** Whether the approver may approve the waiver; without it, anyone may. */
  isAllowedApprover?: (approvedBy: string, waiver: PlanWaiver) => boolean;
}

/**
 * A plan's evaluation with the registered rules' findings, then the project's waivers
 * applied to every finding, the rules' too. Rules are functions, which
 * cannot cross into a parse worker: they run here, on the main thread, over what the
 * worker returned (`evaluation`, with the ms it spent as `spentMs`) or, for a stored plan
 * under another policy, over a fresh evaluation.
 */
export function evaluateWithRules(options: {
  plan: ParsedPlan;
  /** The evaluation the parse gave under `policy`; without one the plan is evaluated here. */
  evaluation?: PlanEvaluation;
  /** How much of the budget the parse spent. */
  spentMs?: number;
  policy: PlanPolicy;
  entity?: Entity;
  ruleSet?: PlanRuleSet;
  waivers?: PlanWaivers;
  /** The project's last repository check: its findings join the others', under the policy. */
  repository?: RepositoryReport;
}): PlanEvaluation {
  const { plan, policy, entity, ruleSet } = options;
  const now = ruleSet?.now ?? (() => performance.now());
  const started = now();
  const evaluation = options.evaluation ?? evaluatePlan(plan, policy);
  const spent = options.spentMs ?? now() - started;
  const ruled = applyPlanRules({ plan, evaluation }, ruleSet?.rules ?? [], {
    policy,
    entity,
    budgetMs:
      ruleSet && ruleSet.rules.length > 0
        ? ruleSet.budgetMs - spent
        : undefined,
    now,
  });
  const checked = options.repository
    ? withRepository(ruled, options.repository, policy)
    : ruled;
  const waivers = options.waivers;
  return waivers
    ? applyWaivers(checked, waivers.file, {
        policy,
        today: waivers.today,
        isAllowedApprover: waivers.isAllowedApprover,
      })
    : checked;
}

/**
 * The evaluation with a repository check's findings (under the policy's severities, as
 * every rule's) and the rest of its report, before waivers apply to all of them.
 */
function withRepository(
  evaluation: PlanEvaluation,
  report: RepositoryReport,
  policy: PlanPolicy,
): PlanEvaluation {
  const { findings, ...repository } = report;
  const all = [
    ...evaluation.findings,
    ...applySeverity(findings, policy.severities),
  ];
  return {
    ...evaluation,
    findings: all,
    repository,
    summary: {
      ...evaluation.summary,
      counts: countBySeverity(evaluation.diagnostics, all),
    },
  };
}
