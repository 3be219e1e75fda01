import { ObjectKind } from '../layout';

/**
 * The lifecycle of a plan, in order.
 *
 * @public
 */
export const PLAN_STATUSES = [
  'DRAFT',
  'REVIEW',
  'APPROVED',
  'IN_PROGRESS',
  'COMPLETE',
] as const;

/**
 * Lifecycle of a plan: one of {@link PLAN_STATUSES}.
 *
 * @public
 */
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * Probability or impact of a risk, lowest first.
 *
 * @public
 */
export const LEVELS = ['low', 'medium', 'high'] as const;

/**
 * Probability or impact of a risk: one of {@link LEVELS}.
 *
 * @public
 */
export type Level = (typeof LEVELS)[number];

/**
 * Severities of diagnostics and findings, most severe first.
 *
 * @public
 */
export const SEVERITIES = ['error', 'warning', 'info'] as const;

/**
 * Severity of a diagnostic or finding: one of {@link SEVERITIES}.
 *
 * @public
 */
export type Severity = (typeof SEVERITIES)[number];

/**
 * Test categories of section 4.2.
 *
 * @public
 */
export type TestCategory = 'unit' | 'integration' | 'validation';

/**
 * A reviewer's decision in section 10.
 *
 * @public
 */
export type ReviewStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/**
 * Outcomes of a validation criterion: `pending` when no actual has been recorded yet,
 * `unknown` when target and actual cannot be compared.
 *
 * @public
 */
export const CRITERION_RESULTS = [
  'pass',
  'fail',
  'pending',
  'unknown',
] as const;

/**
 * Outcome of one validation criterion: one of {@link CRITERION_RESULTS}.
 *
 * @public
 */
export type CriterionResult = (typeof CRITERION_RESULTS)[number];

/**
 * The waiver of a finding, as the project's waiver file states it (see `applyWaivers`).
 *
 * @public
 */
export interface FindingWaiver {
  /** Why the finding is accepted. */
  reason: string;
  /** Entity ref of the user or group that approved it, e.g. `group:default/data-leads`. */
  approvedBy: string;
  /** Last day it holds, `YYYY-MM-DD`. */
  expires: string;
}

/**
 * Something the parser could not understand, or a rule the plan breaks.
 *
 * @public
 */
export interface PlanDiagnostic {
  /**
   * Names this diagnostic across versions of the plan: the rule and the content identity
   * of its subject, unique in the plan's list (see `findingKey`). Lines and positions are
   * not part of it.
   */
  key: string;
  severity: Severity;
  /** Stable rule id, e.g. `placeholder` or `dependency-cycle`. */
  rule: string;
  message: string;
  /** 1-based line in the plan document. */
  line?: number;
  /** Set when a waiver accepts it: it stays listed but counts in no severity's total. */
  waiver?: FindingWaiver;
}

/**
 * Metadata table at the top of the plan.
 *
 * @public
 */
export interface PlanMetadata {
  projectId?: string;
  planVersion?: string;
  linkedResearchVersion?: string;
  linkedSpecVersion?: string;
  generatedDate?: string;
  generatedBy?: string;
  effort?: { storyPoints?: number; hours?: number };
  status?: PlanStatus;
}

/**
 * Section 1: summary and success criteria.
 *
 * @public
 */
export interface PlanOverview {
  summary?: string;
  technicalSuccess: string[];
  businessSuccess: string[];
}

/**
 * A Snowflake object as authored in a step of section 3.
 *
 * @public
 */
export interface DraftObject {
  /** As written: `DB.SCHEMA.NAME` or `NAME`. */
  name: string;
  /** Path of its SQL file, e.g. `src/raw/tables/orders.sql`. */
  file?: string;
  /** What the object does (the step's `Definition` line). */
  definition?: string;
  /** Names of the objects it depends on, as written. */
  dependencies: string[];
}

/**
 * A step of a phase, as authored.
 *
 * @public
 */
export interface DraftStep {
  title: string;
  objects: DraftObject[];
  /** `Files to Create` entries. */
  files: string[];
  /** Lines of the step's `Commands` code blocks. */
  commands: string[];
}

/**
 * A phase of section 3, as authored.
 *
 * @public
 */
export interface DraftPhase {
  title: string;
  steps: DraftStep[];
}

/**
 * A test of section 4.2.
 *
 * @public
 */
export interface PlanTest {
  category: TestCategory;
  name: string;
  file?: string;
  validations: string[];
}

/**
 * A row of the deployment sequence (5.1).
 *
 * @public
 */
export interface DeploymentStep {
  order: number;
  /** As written, e.g. `Tables`. */
  objectType: string;
  layer: string;
  validationStep: string;
}

/**
 * A migration script of 5.2.
 *
 * @public
 */
export interface MigrationScript {
  script: string;
  purpose?: string;
  validation?: string;
}

/**
 * A rollback scenario of 6.2.
 *
 * @public
 */
export interface RollbackScenario {
  description: string;
  steps: string[];
  /** Lines of the scenario's SQL code block. */
  commands: string[];
}

/**
 * Section 6: rollback triggers, procedures and backups.
 *
 * @public
 */
export interface RollbackPlan {
  triggers: string[];
  scenarios: RollbackScenario[];
  backupSteps: string[];
  backupLocation?: string;
}

/**
 * A validation criterion (section 7) as authored.
 *
 * @public
 */
export interface DraftCriterion {
  criteria: string;
  measurement?: string;
  target?: string;
  /** Section 7.1's `Actual` column, or section 7.2's `Status` column. */
  actual?: string;
}

/**
 * A row of the Snowflake resources table (8.1).
 *
 * @public
 */
export interface SnowflakeResource {
  resource: string;
  size?: string;
  duration?: string;
  purpose?: string;
}

/**
 * Section 8.2.
 *
 * @public
 */
export interface ContextManagement {
  maxContextUsage?: string;
  strategy: string[];
}

/**
 * A risk of section 9.1 as authored.
 *
 * @public
 */
export interface DraftRisk {
  risk: string;
  probability?: Level;
  impact?: Level;
  mitigation?: string;
}

/**
 * A contingency plan of 9.2.
 *
 * @public
 */
export interface ContingencyPlan {
  trigger: string;
  actions: string[];
}

/**
 * A reviewer row of section 10.
 *
 * @public
 */
export interface PlanReviewer {
  name: string;
  role?: string;
  date?: string;
  status?: ReviewStatus;
  comments?: string;
}

/**
 * Execution approval of section 10.
 *
 * @public
 */
export interface ExecutionApproval {
  approved?: boolean;
  approvedBy?: string;
  date?: string;
  scheduledStart?: string;
  expectedCompletion?: string;
}

/**
 * The authored content of a plan: what a person or the scaffolder writes, without line
 * numbers, diagnostics or anything derived. `renderPlan` writes it; parsing the result
 * gives it back.
 *
 * @public
 */
export interface PlanDraft {
  metadata: PlanMetadata;
  overview: PlanOverview;
  /** Layers of section 2.1 in dependency order, e.g. raw, transformation, consumption. */
  layers: string[];
  phases: DraftPhase[];
  tests: PlanTest[];
  testSequence: string[];
  deployment: { sequence: DeploymentStep[]; scripts: MigrationScript[] };
  rollback: RollbackPlan;
  validation: { technical: DraftCriterion[]; business: DraftCriterion[] };
  resources: SnowflakeResource[];
  contextManagement: ContextManagement;
  risks: DraftRisk[];
  contingencies: ContingencyPlan[];
  approvals: { reviewers: PlanReviewer[]; execution: ExecutionApproval };
}

/**
 * A planned object with what the parser derived and where it stands.
 *
 * @public
 */
export interface PlanObject extends DraftObject {
  /** Layer from the file path `src/<layer>/<kind>s/…`. */
  layer?: string;
  /** Kind from the file path. */
  kind?: ObjectKind;
  /** Id of its step as written in the heading, e.g. `2.1`. */
  step?: string;
  /** Index of its phase in `phases`, and of its step in that phase's `steps`. */
  phaseIndex: number;
  stepIndex: number;
  /** Content key from the qualified name, unique among the objects; set by `parsePlan`. */
  key?: string;
  line: number;
}

/**
 * A step of a parsed phase. Its objects are the entries of `ParsedPlan.objects` with the
 * same `phaseIndex` and `stepIndex`.
 *
 * @public
 */
export interface PlanStep {
  /** As written in the heading, e.g. `1.2`. */
  id?: string;
  title: string;
  files: string[];
  commands: string[];
  line: number;
}

/**
 * A parsed phase.
 *
 * @public
 */
export interface PlanPhase {
  number?: number;
  title: string;
  steps: PlanStep[];
  line: number;
}

/**
 * A parsed test.
 *
 * @public
 */
export interface ParsedTest extends PlanTest {
  line: number;
}

/**
 * A validation criterion with its policy-free result.
 *
 * @public
 */
export interface Criterion extends DraftCriterion {
  result: CriterionResult;
  /** Content key from the section and the name, unique in its section; set by `parsePlan`. */
  key?: string;
  line?: number;
}

/**
 * A risk with its score (probability × impact, low = 1 … high = 3).
 *
 * @public
 */
export interface PlanRisk extends DraftRisk {
  score?: number;
  /** Content key from the risk's text, unique among the risks; set by `parsePlan`. */
  key?: string;
  line?: number;
}

/**
 * The sections of a plan, in the template's order.
 *
 * @public
 */
export const PLAN_SECTION_KEYS = [
  'metadata',
  'overview',
  'directoryStructure',
  'implementationSteps',
  'testing',
  'deployment',
  'rollback',
  'validation',
  'resources',
  'risks',
  'approvals',
] as const;

/**
 * A section of a plan: one of {@link PLAN_SECTION_KEYS}. `ParsedPlan.sections` says where
 * each starts (1-based lines), for links into the source.
 *
 * @public
 */
export type PlanSectionKey = (typeof PLAN_SECTION_KEYS)[number];

/**
 * Each section's heading as the template writes it. A finding about a section names it by
 * its heading (`missing-section`, `missing-required-section`).
 *
 * @public
 */
export const PLAN_SECTION_HEADINGS: Readonly<Record<PlanSectionKey, string>> = {
  metadata: 'Metadata',
  overview: '1. PLAN OVERVIEW',
  directoryStructure: '2. DIRECTORY STRUCTURE DEFINITION',
  implementationSteps: '3. IMPLEMENTATION STEPS',
  testing: '4. TESTING STRATEGY',
  deployment: '5. DEPLOYMENT & MIGRATION',
  rollback: '6. ROLLBACK PLAN',
  validation: '7. VALIDATION CRITERIA',
  resources: '8. RESOURCE ALLOCATION',
  risks: '9. RISK MANAGEMENT',
  approvals: '10. APPROVAL & EXECUTION',
};

/**
 * The result of `parsePlan`: every section of the plan, with line numbers, derived
 * fields and diagnostics. The key names are a public contract.
 *
 * @public
 */
export interface ParsedPlan {
  metadata: PlanMetadata;
  overview: PlanOverview;
  layers: string[];
  phases: PlanPhase[];
  objects: PlanObject[];
  tests: ParsedTest[];
  testSequence: string[];
  deployment: { sequence: DeploymentStep[]; scripts: MigrationScript[] };
  rollback: RollbackPlan;
  validation: { technical: Criterion[]; business: Criterion[] };
  resources: SnowflakeResource[];
  contextManagement: ContextManagement;
  risks: PlanRisk[];
  contingencies: ContingencyPlan[];
  approvals: { reviewers: PlanReviewer[]; execution: ExecutionApproval };
  sections: Partial<Record<PlanSectionKey, number>>;
  diagnostics: PlanDiagnostic[];
}
