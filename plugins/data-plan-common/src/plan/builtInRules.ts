import { REPOSITORY_RULES } from '../repository/repositoryRules';
import { SQL_LINEAGE_RULES } from '../sql/lineageRuleIds';
import { OBJECT_RULES } from './objectFindings';
import { POLICY_RULES } from './policyRules';
import { WAIVER_RULES } from './waiverRules';

/**
 * The rules of the parser's diagnostics other than the object checks: a document that is
 * no plan, sections, fields, tables and enum values it could not understand.
 *
 * @public
 */
export const PARSER_RULES = [
  'not-text',
  'parser-failure',
  'not-a-plan',
  'missing-section',
  'missing-status',
  'unknown-status',
  'placeholder',
  'invalid-effort',
  'invalid-layer-name',
  'malformed-table-row',
  'orphan-object-field',
  'invalid-deployment-order',
  'invalid-approval',
  'unknown-review-status',
  'unknown-risk-level',
] as const;

/**
 * The rules of `evaluatePlan`'s findings about the plan as a whole: validation, risks and
 * approvals against the plan's status.
 *
 * @public
 */
export const EVALUATION_RULES = [
  'validation-failed',
  'unmitigated-risk',
  'approval-missing',
  'approval-rejected',
  'approval-pending',
  'execution-not-approved',
  'complete-with-failed-validation',
  'complete-with-pending-validation',
] as const;

/**
 * The rules of running registered plan rules ({@link PlanRule}): a policy names a rule
 * that does not exist, a rule failed, the rules ran over the plan's time budget.
 *
 * @public
 */
export const RULE_RUN_RULES = [
  'unknown-rule',
  'rule-failed',
  'rules-over-budget',
] as const;

/**
 * Id of a rule of running registered plan rules: one of {@link RULE_RUN_RULES}.
 *
 * @public
 */
export type RuleRunRule = (typeof RULE_RUN_RULES)[number];

/**
 * Every rule id Dataplan itself reports, which a registered rule may not take.
 *
 * @public
 */
export const BUILT_IN_RULES: ReadonlySet<string> = new Set<string>([
  ...PARSER_RULES,
  ...OBJECT_RULES,
  ...EVALUATION_RULES,
  ...POLICY_RULES,
  ...RULE_RUN_RULES,
  ...WAIVER_RULES,
  ...REPOSITORY_RULES,
  ...SQL_LINEAGE_RULES,
]);
