import type { RepositoryEvaluation } from '../repository/repositoryEvaluation';
import { DEFAULT_LAYERS, OBJECT_KINDS } from '../layout';
import { applySeverity } from './applySeverity';
import { topologicalOrder } from './graph';
import { buildObjectGraph, ObjectGraph } from './objectGraph';
import { DEFAULT_POLICY, PlanPolicy } from './policy';
import {
  checkRequiredSections,
  checkStatusGates,
  withoutReplaced,
} from './policyRules';
import { parseKind } from './sections/structure';
import { compareTarget } from './targets';
import { countBySeverity } from './countBySeverity';
import {
  entityKeys,
  findingKey,
  occurrenceKeys,
  reviewerKey,
} from './findingKeys';
import { validationPassRate } from './passRate';
import { emptyRiskMatrix, RiskMatrix } from './riskMatrix';
import type { WaiverListing } from './waiverListing';
import {
  Criterion,
  CRITERION_RESULTS,
  CriterionResult,
  Level,
  LEVELS,
  ParsedPlan,
  PlanDiagnostic,
  PlanObject,
  PLAN_STATUSES,
  PlanStatus,
  Severity,
} from './types';

/**
 * One object in deploy order.
 *
 * @public
 */
export interface DeployOrderEntry {
  /** The object's content key (`PlanObject.key`): consumers find the object by it. */
  key: string;
  name: string;
  layer?: string;
  kind?: PlanObject['kind'];
  file?: string;
  line: number;
}

/**
 * Progress of one phase: how many of its objects are fully placed (a file in the layout).
 *
 * @public
 */
export interface PhaseProgress {
  title: string;
  steps: number;
  objects: number;
  specified: number;
}

/**
 * Everything `evaluatePlan` derives from a parsed plan.
 *
 * @public
 */
export interface PlanEvaluation {
  validation: {
    technical: Criterion[];
    business: Criterion[];
    counts: Record<CriterionResult, number>;
  };
  risks: {
    /** Counts per cell: `matrix[probability][impact]`. */
    matrix: RiskMatrix;
    topScore?: number;
    highRisks: number;
    unmitigated: Array<{
      /** The risk's content key (`PlanRisk.key`). */
      key: string;
      risk: string;
      impact?: Level;
      score?: number;
      line?: number;
    }>;
  };
  /** Every object, dependencies first. */
  deployOrder: DeployOrderEntry[];
  /** For each object (by index in `ParsedPlan.objects`), the indexes of the objects it depends on, as resolved. */
  dependsOn: number[][];
  cycles: string[][];
  approval: {
    reviewers: number;
    approved: number;
    pending: number;
    rejected: number;
    allApproved: boolean;
    anyRejected: boolean;
    executionApproved: boolean;
  };
  /** The plan's diagnostics with the policy's severities applied. */
  diagnostics: PlanDiagnostic[];
  /** The project's waivers as `applyWaivers` judged them; none before it ran. */
  waivers?: WaiverListing;
  /** The project's last repository check; none until one has read its files. */
  repository?: RepositoryEvaluation;
  /** What is wrong with the plan as a whole (approvals, validation, risks). */
  findings: PlanDiagnostic[];
  summary: {
    status?: PlanStatus;
    /** Position of the status in the lifecycle, 0 (DRAFT) … 4 (COMPLETE); -1 without a status. */
    lifecycleStep: number;
    counts: Record<Severity, number>;
    objects: number;
    phases: PhaseProgress[];
    /** Passed criteria among those with a result of pass or fail, 0…1. */
    validationPassRate?: number;
  };
}

/**
 * An evaluation as a REST response sends it: without its diagnostics and findings, which
 * the response sends once, merged, as its own list ({@link splitFindings}).
 *
 * @public
 */
export type PlanEvaluationWithoutFindings = Omit<
  PlanEvaluation,
  'diagnostics' | 'findings' | 'waivers'
>;

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

const LIFECYCLE = PLAN_STATUSES;
const LEVEL_INDEX = Object.fromEntries(
  LEVELS.map((level, index) => [level, index]),
) as Record<Level, number>;

function evaluateCriteria(
  criteria: Criterion[],
  keys: () => string[],
  targets: Map<string, string>,
): Criterion[] {
  if (targets.size === 0 && criteria.every(c => c.key !== undefined)) {
    return criteria;
  }
  return criteria.map((criterion, i) => {
    const keyed = criterion.key ? criterion : { ...criterion, key: keys()[i] };
    const target = targets.get(criterion.criteria.toLocaleLowerCase('en-US'));
    if (target === undefined) return keyed;
    return {
      ...keyed,
      target,
      result: compareTarget(target, criterion.actual),
    };
  });
}

function deployOrder(plan: ParsedPlan, dependsOn: number[][]): number[] {
  const layers = plan.layers.length ? plan.layers : [...DEFAULT_LAYERS];
  const layerPosition = new Map(layers.map((layer, i) => [layer, i]));
  const rows = [...plan.deployment.sequence].sort((a, b) => a.order - b.order);
  const wellFormed =
    rows.length > 0 &&
    new Set(rows.map(r => r.order)).size === rows.length &&
    rows.every(
      r =>
        parseKind(r.objectType) &&
        layerPosition.has(r.layer.toLocaleLowerCase('en-US')),
    );
  const sequenceRank = new Map<string, number>();
  if (wellFormed) {
    rows.forEach((row, position) => {
      const key = `${parseKind(row.objectType)}/${row.layer.toLocaleLowerCase(
        'en-US',
      )}`;
      if (!sequenceRank.has(key)) sequenceRank.set(key, position);
    });
  }
  const { objects } = plan;
  // The tie-break keys (sequence row, then kind, then layer) as one number per object,
  // and the name: one sort then compares numbers first, with no key object per object.
  // A kind is -1 (not one of OBJECT_KINDS, in a plan built by hand) to OBJECT_KINDS.length.
  const kinds = OBJECT_KINDS.length + 2;
  const layerCount = layers.length + 1;
  const groups = new Float64Array(objects.length);
  const names = objects.map((object, index) => {
    const kind = object.kind
      ? OBJECT_KINDS.indexOf(object.kind)
      : OBJECT_KINDS.length;
    const layer =
      (object.layer === undefined
        ? undefined
        : layerPosition.get(object.layer)) ?? layers.length;
    const sequence = wellFormed
      ? sequenceRank.get(`${object.kind}/${object.layer}`) ?? rows.length
      : 0;
    groups[index] = (sequence * kinds + kind + 1) * layerCount + layer;
    return object.name.toUpperCase();
  });
  // The sort is stable: objects equal in every key keep their order in the plan.
  const byKeys = objects.map((_, index) => index);
  byKeys.sort(
    (a, b) => groups[a] - groups[b] || compareStrings(names[a], names[b]),
  );
  const rank = new Int32Array(objects.length);
  byKeys.forEach((index, position) => {
    rank[index] = position;
  });
  return topologicalOrder(objects.length, dependsOn, rank);
}

/**
 * Evaluates a parsed plan: validation results against targets, risk scores and the
 * unmitigated risks, deploy order, approval state, findings and a summary. Pure and
 * synchronous; a policy changes severities, targets and thresholds, and adds the sections
 * it requires and the gates of the plan's status.
 *
 * @public
 */
export function evaluatePlan(
  plan: ParsedPlan,
  policy?: PlanPolicy,
): PlanEvaluation {
  return evaluateWithGraph(plan, buildObjectGraph(plan.objects), policy);
}

/**
 * {@link evaluatePlan} over the graph of the plan's objects, given by the parse that made
 * the plan (`readPlan`), which has resolved it already.
 */
export function evaluateWithGraph(
  plan: ParsedPlan,
  graph: Pick<ObjectGraph, 'dependsOn' | 'cycles'>,
  policy?: PlanPolicy,
): PlanEvaluation {
  const mitigationFrom =
    policy?.mitigationRequiredFrom ?? DEFAULT_POLICY.mitigationRequiredFrom;
  const highRiskScore = policy?.highRiskScore ?? DEFAULT_POLICY.highRiskScore;
  const findings: PlanDiagnostic[] = [];
  const unique = occurrenceKeys();
  const finding = (
    severity: Severity,
    rule: string,
    message: string,
    line: number | undefined,
    subject?: string,
  ) => {
    const key = unique(findingKey(rule, subject));
    findings.push(
      line === undefined
        ? { key, severity, rule, message }
        : { key, severity, rule, message, line },
    );
  };
  // A plan from parsePlan has its keys; one built by hand gets the same ones here.
  let computed: ReturnType<typeof entityKeys> | undefined;
  const keys = () => (computed ??= entityKeys(plan));

  // Validation
  const targets = new Map(
    Object.entries(policy?.validationTargets ?? {}).map(([k, v]) => [
      k.toLocaleLowerCase('en-US'),
      v,
    ]),
  );
  const technical = evaluateCriteria(
    plan.validation.technical,
    () => keys().technical,
    targets,
  );
  const business = evaluateCriteria(
    plan.validation.business,
    () => keys().business,
    targets,
  );
  const counts = Object.fromEntries(
    CRITERION_RESULTS.map(result => [result, 0]),
  ) as Record<CriterionResult, number>;
  for (const criterion of [...technical, ...business]) {
    counts[criterion.result]++;
    if (criterion.result === 'fail') {
      finding(
        'warning',
        'validation-failed',
        `${criterion.criteria}: actual ${criterion.actual} misses the target ${criterion.target}`,
        criterion.line,
        criterion.key,
      );
    }
  }

  // Risks
  const matrix = emptyRiskMatrix();
  let topScore: number | undefined;
  let highRisks = 0;
  const unmitigated: PlanEvaluation['risks']['unmitigated'] = [];
  plan.risks.forEach((risk, index) => {
    const key = risk.key ?? keys().risks[index];
    if (risk.probability && risk.impact) {
      matrix[risk.probability][risk.impact]++;
    }
    if (risk.score !== undefined) {
      topScore = Math.max(topScore ?? 0, risk.score);
      if (risk.score >= highRiskScore) highRisks++;
    }
    if (
      risk.impact &&
      LEVEL_INDEX[risk.impact] >= LEVEL_INDEX[mitigationFrom] &&
      !risk.mitigation
    ) {
      const entry: PlanEvaluation['risks']['unmitigated'][number] = {
        key,
        risk: risk.risk,
        impact: risk.impact,
      };
      if (risk.score !== undefined) entry.score = risk.score;
      if (risk.line !== undefined) entry.line = risk.line;
      unmitigated.push(entry);
      finding(
        'warning',
        'unmitigated-risk',
        `Risk '${risk.risk}' has ${risk.impact} impact and no mitigation`,
        risk.line,
        key,
      );
    }
  });

  // Dependencies and deploy order
  const order = deployOrder(plan, graph.dependsOn);
  const cycles = graph.cycles.map(cycle =>
    cycle.map(i => plan.objects[i].name),
  );

  // Approvals
  const { reviewers, execution } = plan.approvals;
  const approved = reviewers.filter(r => r.status === 'APPROVED').length;
  const rejected = reviewers.filter(r => r.status === 'REJECTED').length;
  const pending = reviewers.length - approved - rejected;
  const status = plan.metadata.status;
  const lifecycleStep = status ? LIFECYCLE.indexOf(status) : -1;
  if (lifecycleStep >= LIFECYCLE.indexOf('APPROVED')) {
    if (reviewers.length === 0) {
      finding(
        'warning',
        'approval-missing',
        `Plan is ${status} but names no reviewer`,
        plan.sections.approvals,
      );
    }
    for (const reviewer of reviewers) {
      if (reviewer.status === 'REJECTED') {
        finding(
          'error',
          'approval-rejected',
          `Plan is ${status} but ${reviewer.name} rejected it`,
          plan.sections.approvals,
          reviewerKey(reviewer.name),
        );
      } else if (reviewer.status !== 'APPROVED') {
        finding(
          'warning',
          'approval-pending',
          `Plan is ${status} but ${reviewer.name} has not approved it`,
          plan.sections.approvals,
          reviewerKey(reviewer.name),
        );
      }
    }
  }
  if (
    lifecycleStep >= LIFECYCLE.indexOf('IN_PROGRESS') &&
    execution.approved !== true
  ) {
    finding(
      'warning',
      'execution-not-approved',
      `Plan is ${status} but execution is not approved`,
      plan.sections.approvals,
    );
  }
  if (status === 'COMPLETE') {
    if (counts.fail > 0) {
      finding(
        'error',
        'complete-with-failed-validation',
        `Plan is COMPLETE but ${counts.fail} validation criteria failed`,
        plan.sections.validation,
      );
    }
    if (counts.pending > 0) {
      finding(
        'warning',
        'complete-with-pending-validation',
        `Plan is COMPLETE but ${counts.pending} validation criteria have no actual yet`,
        plan.sections.validation,
      );
    }
  }

  // Policy
  const replaced = checkRequiredSections(
    plan,
    policy?.requiredSections,
    finding,
  );
  checkStatusGates(
    plan,
    policy?.statusGates,
    {
      reviewers: reviewers.length,
      approved,
      executionApproved: execution.approved,
      criteria: counts,
    },
    finding,
  );

  const diagnostics = applySeverity(
    withoutReplaced(plan.diagnostics, replaced),
    policy?.severities,
  );
  const policyFindings = applySeverity(findings, policy?.severities);
  const severityCounts = countBySeverity(diagnostics, policyFindings);

  const phases: PhaseProgress[] = plan.phases.map(phase => ({
    title: phase.title,
    steps: phase.steps.length,
    objects: 0,
    specified: 0,
  }));
  for (const object of plan.objects) {
    const phase = phases[object.phaseIndex];
    if (!phase) continue;
    phase.objects++;
    if (object.layer && object.kind) phase.specified++;
  }
  const evaluation: PlanEvaluation = {
    validation: { technical, business, counts },
    risks: { matrix, highRisks, unmitigated },
    deployOrder: order.map(index => {
      const object = plan.objects[index];
      const entry: DeployOrderEntry = {
        key: object.key ?? keys().objects[index],
        name: object.name,
        line: object.line,
      };
      if (object.layer) entry.layer = object.layer;
      if (object.kind) entry.kind = object.kind;
      if (object.file) entry.file = object.file;
      return entry;
    }),
    dependsOn: graph.dependsOn,
    cycles,
    approval: {
      reviewers: reviewers.length,
      approved,
      pending,
      rejected,
      allApproved: reviewers.length > 0 && approved === reviewers.length,
      anyRejected: rejected > 0,
      executionApproved: execution.approved === true,
    },
    diagnostics,
    findings: policyFindings,
    summary: {
      lifecycleStep,
      counts: severityCounts,
      objects: plan.objects.length,
      phases,
    },
  };
  if (topScore !== undefined) evaluation.risks.topScore = topScore;
  if (status) evaluation.summary.status = status;
  const passRate = validationPassRate(counts);
  if (passRate !== undefined) evaluation.summary.validationPassRate = passRate;
  return evaluation;
}
