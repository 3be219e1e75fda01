import type { LintPlanResponse, PlanDetailsResponse } from './api';
import type { components } from './generated/openapi';
import { evaluatePlan, parsePlan, splitFindings } from './plan';
import { samplePlan } from './plan/__testUtils__';

type Schemas = components['schemas'];

/*
 * The assignments below are the checks: `yarn tsc` fails while a model type no longer fits
 * the schema the OpenAPI document gives its place on the wire.
 */
describe('the REST API types', () => {
  const plan = parsePlan(samplePlan('sales-orders'));
  const { diagnostics, evaluation } = splitFindings(evaluatePlan(plan));

  it("refine the document's parsed plan and evaluation with the model types", () => {
    const wirePlan: Schemas['ParsedPlan'] = plan;
    const wireEvaluation: Schemas['PlanEvaluationWithoutFindings'] = evaluation;
    const details: Schemas['PlanDetailsResponse'] = {
      entityRef: 'component:default/sales-orders',
      plan,
      evaluation,
      diagnostics,
      refresh: {},
    } satisfies PlanDetailsResponse;
    const lint: Schemas['LintPlanResponse'] = {
      diagnostics,
      evaluation,
    } satisfies LintPlanResponse;

    expect(details.plan).toBe(wirePlan);
    expect(lint.evaluation).toBe(wireEvaluation);
    expect(wirePlan.objects.length).toBeGreaterThan(0);
  });
});
