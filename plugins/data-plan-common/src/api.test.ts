import type { LintPlanResponse, PlanDetailsResponse } from './api';
import type { components } from './generated/openapi';
import {
  applyWaivers,
  evaluatePlan,
  parsePlan,
  splitFindings,
  WaiverListing,
} from './plan';
import { samplePlan } from './plan/__testUtils__';

type Schemas = components['schemas'];

/*
 * The assignments below are the checks: `yarn tsc` fails while a model type no longer fits
 * the schema the OpenAPI document gives its place on the wire.
 */
describe('the REST API types', () => {
  const plan = parsePlan(samplePlan('sales-orders'));
  const { diagnostics, evaluation } = splitFindings(evaluatePlan(plan));

  it("refine the document's waiver listing with the model type", () => {
    const judged = applyWaivers(
      evaluatePlan(plan),
      {
        waivers: [
          {
            index: 0,
            rule: 'risk-unmitigated',
            match: { risk: 'anything' },
            reason: 'accepted',
            approvedBy: 'user:default/jane',
            expires: '2026-01-31',
            commit: {
              sha: 'a'.repeat(40),
              author: 'Jane',
              committedAt: '2026-01-01T00:00:00.000Z',
            },
          },
        ],
        problems: [{ field: 'waivers[1]', reason: 'must be an object' }],
      },
      { today: '2026-01-01' },
    );
    const listing: WaiverListing = judged.waivers!;
    const wire: Schemas['WaiverListing'] = listing;
    expect(wire.waivers).toHaveLength(1);
  });

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
