import {
  Criterion,
  DraftCriterion,
  ParsedPlan,
  PlanDraft,
  PlanRisk,
  DraftRisk,
} from './types';

function criterion({
  criteria,
  measurement,
  target,
  actual,
}: Criterion): DraftCriterion {
  const draft: DraftCriterion = { criteria };
  if (measurement !== undefined) draft.measurement = measurement;
  if (target !== undefined) draft.target = target;
  if (actual !== undefined) draft.actual = actual;
  return draft;
}

function risk({
  risk: name,
  probability,
  impact,
  mitigation,
}: PlanRisk): DraftRisk {
  const draft: DraftRisk = { risk: name };
  if (probability) draft.probability = probability;
  if (impact) draft.impact = impact;
  if (mitigation !== undefined) draft.mitigation = mitigation;
  return draft;
}

/**
 * The authored content of a parsed plan: what `renderPlan` would need to write it again,
 * without lines, diagnostics or derived fields.
 *
 * @public
 */
export function draftFromPlan(plan: ParsedPlan): PlanDraft {
  const phases: PlanDraft['phases'] = plan.phases.map(phase => ({
    title: phase.title,
    steps: phase.steps.map(step => ({
      title: step.title,
      objects: [],
      files: [...step.files],
      commands: [...step.commands],
    })),
  }));
  for (const object of plan.objects) {
    const step = phases[object.phaseIndex]?.steps[object.stepIndex];
    if (!step) continue;
    const draft: PlanDraft['phases'][number]['steps'][number]['objects'][number] =
      {
        name: object.name,
        dependencies: [...object.dependencies],
      };
    if (object.file !== undefined) draft.file = object.file;
    if (object.definition !== undefined) draft.definition = object.definition;
    step.objects.push(draft);
  }
  return {
    metadata: structuredClone(plan.metadata),
    overview: structuredClone(plan.overview),
    layers: [...plan.layers],
    phases,
    tests: plan.tests.map(({ line: _line, ...test }) => structuredClone(test)),
    testSequence: [...plan.testSequence],
    deployment: structuredClone(plan.deployment),
    rollback: structuredClone(plan.rollback),
    validation: {
      technical: plan.validation.technical.map(criterion),
      business: plan.validation.business.map(criterion),
    },
    resources: structuredClone(plan.resources),
    contextManagement: structuredClone(plan.contextManagement),
    risks: plan.risks.map(risk),
    contingencies: structuredClone(plan.contingencies),
    approvals: structuredClone(plan.approvals),
  };
}
