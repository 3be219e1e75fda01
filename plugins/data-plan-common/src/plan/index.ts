export { parsePlan } from './parsePlan';
export { renderPlan } from './renderPlan';
export { evaluatePlan } from './evaluatePlan';
export { readPlan } from './readPlan';
export type {
  DeployOrderEntry,
  PhaseProgress,
  PlanEvaluation,
  PlanEvaluationWithoutFindings,
} from './evaluatePlan';
export { draftFromPlan } from './draftFromPlan';
export { tokenizePlan } from './tokenize';
export type { PlanToken } from './tokenize';
export { compareTarget } from './targets';
export { validationPassRate } from './passRate';
export { findCycles } from './graph';
export {
  UNQUOTED_IDENTIFIER_PATTERN,
  isUnquotedIdentifier,
} from './identifiers';
export type { ObjectIdentifier } from './identifiers';
export { checkPlanObjects } from './checkPlanObjects';
export {
  contentKey,
  findingKey,
  objectKey,
  occurrenceKeys,
  ruleKey,
  waiverKey,
} from './findingKeys';
export type { ObjectCheck } from './checkPlanObjects';
export { OBJECT_RULES } from './objectFindings';
export type {
  ObjectFinding,
  ObjectFindingSubject,
  ObjectRule,
} from './objectFindings';
export { mergeFindings, splitFindings } from './mergeFindings';
export { DEFAULT_POLICY, STATUS_GATE_CONDITIONS, hashPolicy } from './policy';
export type {
  PlanPolicy,
  PolicyRuleVersion,
  StatusGate,
  StatusGateCondition,
} from './policy';
export { isStuck, stuckAfterDays, stuckFrom } from './isStuck';
export { POLICY_RULES } from './policyRules';
export type { PolicyRule } from './policyRules';
export {
  BUILT_IN_RULES,
  EVALUATION_RULES,
  PARSER_RULES,
  RULE_RUN_RULES,
} from './builtInRules';
export type { RuleRunRule } from './builtInRules';
export { applyPlanRules, planRuleProblem } from './planRules';
export type {
  ApplyPlanRulesOptions,
  PlanRule,
  PlanRuleContext,
  RuleFinding,
} from './planRules';
export {
  DEFAULT_POLICY_NAME,
  mergePolicies,
  resolvePolicy,
} from './policyConfig';
export type {
  PolicyConfig,
  PolicyFacts,
  PolicyMatch,
  PolicyScope,
} from './policyConfig';
export {
  PolicyError,
  parsePlanPolicy,
  parsePolicyConfig,
  planPolicySchema,
  policyConfigSchema,
} from './policySchema';
export { daysBetween } from './calendarDays';
export { applyWaivers, describeWaiver } from './applyWaivers';
export type { ApplyWaiversOptions } from './applyWaivers';
export {
  DEFAULT_WAIVERS_PATH,
  MAX_WAIVERS,
  MAX_WAIVERS_BYTES,
  parseWaiverFile,
} from './waiverFile';
export { waiversHoldUntil } from './waiversHoldUntil';
export {
  WAIVER_EXPIRING_DAYS,
  WAIVER_STATES,
  waiverState,
} from './waiverListing';
export type { JudgedWaiver, WaiverListing, WaiverState } from './waiverListing';
export type {
  PlanWaiver,
  WaiverCommit,
  WaiverFile,
  WaiverMatch,
  WaiverProblem,
} from './waiverFile';
export { WAIVER_RULES, WAIVER_RULE_SEVERITIES } from './waiverRules';
export type { WaiverRule } from './waiverRules';
export { PARSER_VERSION } from './version';
export { MAX_RISK_SCORE, riskScore } from './riskScore';
export { countBySeverity } from './countBySeverity';
export { applySeverity } from './applySeverity';
export { countByRule } from './countByRule';
export type { RuleCount } from './countByRule';
export { isRuleId, MAX_RULE_ID_LENGTH, RULE_ID_PATTERN } from './ruleIds';
export { emptyRiskMatrix } from './riskMatrix';
export type { RiskMatrix } from './riskMatrix';
export {
  CRITERION_RESULTS,
  LEVELS,
  PLAN_SECTION_HEADINGS,
  PLAN_SECTION_KEYS,
  PLAN_STATUSES,
  SEVERITIES,
} from './types';
export type * from './types';
