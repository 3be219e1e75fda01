import { edit, fixture } from './__testUtils__';
import { evaluatePlan } from './evaluatePlan';
import { parsePlan } from './parsePlan';
import { PlanPolicy } from './policy';
import { effectiveGate, POLICY_RULES } from './policyRules';
import { PLAN_SECTION_HEADINGS, PLAN_SECTION_KEYS, PlanStatus } from './types';

// The complete plan: COMPLETE, two reviewers who approved, execution approved, every
// criterion passing, every section there.
const complete = fixture('complete-plan');

function withStatus(status: PlanStatus, text = complete): string {
  return edit(text, '`COMPLETE`', `\`${status}\``);
}

const onePending = edit(
  complete,
  '2026-07-16 |\tAPPROVED |\tGood to go',
  '2026-07-16 |\tPENDING |\tGood to go',
);

const notExecuted = edit(
  complete,
  'Approved for Implementation: YES',
  'Approved for Implementation: NO',
);

function withoutSection(text: string, heading: string, next: string): string {
  const start = text.indexOf(`## ${heading}`);
  const end = text.indexOf(`## ${next}`);
  if (start < 0 || end < 0) throw new Error(`no section ${heading}`);
  return text.slice(0, start) + text.slice(end);
}

const noResources = withoutSection(
  complete,
  '8. RESOURCE ALLOCATION',
  '9. RISK MANAGEMENT',
);

function evaluate(text: string, policy?: PlanPolicy) {
  return evaluatePlan(parsePlan(text), policy);
}

function policyFindings(text: string, policy?: PlanPolicy) {
  return evaluate(text, policy).findings.filter(f =>
    (POLICY_RULES as readonly string[]).includes(f.rule),
  );
}

describe('requiredSections', () => {
  it('makes a missing required section an error that replaces the parser’s warning', () => {
    const plain = evaluate(noResources);
    expect(plain.diagnostics.map(d => d.key)).toEqual([
      'missing-section:field:section:8. RESOURCE ALLOCATION',
    ]);

    const evaluation = evaluate(noResources, {
      requiredSections: ['resources', 'risks'],
    });
    expect(evaluation.diagnostics).toEqual([]);
    expect(evaluation.findings).toEqual([
      {
        key: 'missing-required-section:field:section:8. RESOURCE ALLOCATION',
        severity: 'error',
        rule: 'missing-required-section',
        message:
          "Section '8. RESOURCE ALLOCATION' is missing; the policy requires it",
      },
    ]);
    expect(evaluation.summary.counts).toEqual({
      error: 1,
      warning: 0,
      info: 0,
    });
  });

  it('keeps the parser’s warning for a missing section the policy does not require', () => {
    const evaluation = evaluate(noResources, { requiredSections: ['risks'] });
    expect(evaluation.diagnostics.map(d => d.rule)).toEqual([
      'missing-section',
    ]);
    expect(
      policyFindings(noResources, { requiredSections: ['risks'] }),
    ).toEqual([]);
  });

  it('reports each required section once, in the template’s order', () => {
    const plan = parsePlan('Hello');
    const evaluation = evaluatePlan(plan, {
      requiredSections: ['risks', 'metadata', 'risks'],
    });
    expect(evaluation.findings.map(f => f.key)).toEqual([
      'missing-required-section:field:section:Metadata',
      'missing-required-section:field:section:9. RISK MANAGEMENT',
    ]);
  });

  it('names every section by the heading the parser names it by', () => {
    const evaluation = evaluatePlan(parsePlan('## Nothing here\n'), {
      requiredSections: [...PLAN_SECTION_KEYS],
    });
    expect(evaluation.findings.map(f => f.message)).toEqual(
      PLAN_SECTION_KEYS.map(
        key =>
          `Section '${PLAN_SECTION_HEADINGS[key]}' is missing; the policy requires it`,
      ),
    );
  });

  it('goes through the policy’s severities', () => {
    const policy: PlanPolicy = {
      requiredSections: ['resources'],
      severities: { 'missing-required-section': 'warning' },
    };
    expect(evaluate(noResources, policy).findings).toMatchObject([
      { rule: 'missing-required-section', severity: 'warning' },
    ]);
    // Off drops the finding; the parser's warning stays replaced, as the policy asked.
    const off = evaluate(noResources, {
      requiredSections: ['resources'],
      severities: { 'missing-required-section': 'off' },
    });
    expect(off.findings).toEqual([]);
    expect(off.diagnostics).toEqual([]);
  });
});

describe('statusGates', () => {
  it('reports each unmet condition of the plan’s status, keyed by the condition', () => {
    const text = edit(
      withStatus('APPROVED', onePending),
      'Approved for Implementation: YES',
      'Approved for Implementation: NO',
    );
    const findings = policyFindings(text, {
      statusGates: {
        APPROVED: {
          minApprovedReviewers: 2,
          executionApproved: true,
          allCriteriaPass: true,
        },
      },
    });
    const plan = parsePlan(text);
    expect(findings).toEqual([
      {
        key: 'status-gate:gate:minApprovedReviewers',
        severity: 'error',
        rule: 'status-gate',
        message:
          'Plan is APPROVED but 1 of 2 reviewers approved it (status gate minApprovedReviewers: 2)',
        line: plan.sections.approvals,
      },
      {
        key: 'status-gate:gate:executionApproved',
        severity: 'error',
        rule: 'status-gate',
        message:
          'Plan is APPROVED but execution is not approved (status gate executionApproved: true)',
        line: plan.sections.approvals,
      },
    ]);
  });

  it('checks that every validation criterion passes', () => {
    const failing = edit(complete, '< 5s |\t1.8s', '< 5s |\t7.2s');
    const policy: PlanPolicy = {
      statusGates: { COMPLETE: { allCriteriaPass: true } },
    };
    expect(policyFindings(failing, policy)).toEqual([
      expect.objectContaining({
        key: 'status-gate:gate:allCriteriaPass',
        message:
          'Plan is COMPLETE but 6 of 7 validation criteria pass (status gate allCriteriaPass: true)',
        line: parsePlan(failing).sections.validation,
      }),
    ]);
    expect(policyFindings(complete, policy)).toEqual([]);
  });

  it('says when execution approval is not stated at all', () => {
    const text = edit(complete, 'Approved for Implementation: YES\n', '');
    expect(
      policyFindings(text, {
        statusGates: { COMPLETE: { executionApproved: true } },
      }).map(f => f.message),
    ).toEqual([
      'Plan is COMPLETE but execution approval is not stated (status gate executionApproved: true)',
    ]);
  });

  it('holds each condition met', () => {
    expect(
      policyFindings(complete, {
        statusGates: {
          COMPLETE: {
            minApprovedReviewers: 2,
            executionApproved: true,
            allCriteriaPass: true,
          },
        },
      }),
    ).toEqual([]);
    expect(
      policyFindings(onePending, {
        statusGates: { COMPLETE: { minApprovedReviewers: 1 } },
      }),
    ).toEqual([]);
  });

  it('applies a gate to its status and every later one, not to earlier ones', () => {
    const policy: PlanPolicy = {
      statusGates: { APPROVED: { executionApproved: true } },
    };
    const statuses: PlanStatus[] = [
      'DRAFT',
      'REVIEW',
      'APPROVED',
      'IN_PROGRESS',
      'COMPLETE',
    ];
    expect(
      statuses.map(
        status =>
          policyFindings(withStatus(status, notExecuted), policy).length,
      ),
    ).toEqual([0, 0, 1, 1, 1]);
  });

  it('lets a later status’s gate set a condition again, and keeps the others', () => {
    const policy: PlanPolicy = {
      statusGates: {
        REVIEW: { minApprovedReviewers: 1 },
        APPROVED: { minApprovedReviewers: 2, executionApproved: true },
        COMPLETE: { executionApproved: false },
      },
    };
    const text = edit(
      onePending,
      'Approved for Implementation: YES',
      'Approved for Implementation: NO',
    );
    const conditions = (status: PlanStatus) =>
      policyFindings(withStatus(status, text), policy).map(f => f.key);
    expect(conditions('REVIEW')).toEqual([]);
    expect(conditions('IN_PROGRESS')).toEqual([
      'status-gate:gate:minApprovedReviewers',
      'status-gate:gate:executionApproved',
    ]);
    expect(conditions('COMPLETE')).toEqual([
      'status-gate:gate:minApprovedReviewers',
    ]);
  });

  it('holds no gate for a plan without a status', () => {
    const text = edit(complete, '`COMPLETE`', '`FINISHED`');
    expect(
      policyFindings(text, {
        statusGates: { DRAFT: { minApprovedReviewers: 5 } },
      }),
    ).toEqual([]);
  });

  it('goes through the policy’s severities: off drops it', () => {
    const gates: PlanPolicy['statusGates'] = {
      COMPLETE: { minApprovedReviewers: 3 },
    };
    expect(
      policyFindings(complete, {
        statusGates: gates,
        severities: { 'status-gate': 'info' },
      }),
    ).toMatchObject([{ rule: 'status-gate', severity: 'info' }]);
    const off = evaluate(complete, {
      statusGates: gates,
      severities: { 'status-gate': 'off' },
    });
    expect(off.findings).toEqual(evaluate(complete).findings);
    expect(off.summary.counts).toEqual(evaluate(complete).summary.counts);
  });

  it('leaves the evaluation as it was without gates or required sections', () => {
    for (const text of [complete, onePending, noResources]) {
      expect(evaluate(text, { statusGates: {}, requiredSections: [] })).toEqual(
        evaluate(text),
      );
    }
  });
});

describe('effectiveGate', () => {
  it('takes each condition from the latest status up to the plan’s that sets it', () => {
    const gates: PlanPolicy['statusGates'] = {
      DRAFT: { allCriteriaPass: false },
      APPROVED: { minApprovedReviewers: 2 },
      IN_PROGRESS: { executionApproved: true, minApprovedReviewers: 3 },
    };
    expect(effectiveGate(gates, 'REVIEW')).toEqual({ allCriteriaPass: false });
    expect(effectiveGate(gates, 'APPROVED')).toEqual({
      allCriteriaPass: false,
      minApprovedReviewers: 2,
    });
    expect(effectiveGate(gates, 'COMPLETE')).toEqual({
      allCriteriaPass: false,
      minApprovedReviewers: 3,
      executionApproved: true,
    });
    expect(effectiveGate(gates, undefined)).toEqual({});
    expect(effectiveGate(undefined, 'COMPLETE')).toEqual({});
  });
});
