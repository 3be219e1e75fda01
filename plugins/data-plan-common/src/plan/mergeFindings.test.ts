import { samplePlan } from './__testUtils__';
import { evaluatePlan } from './evaluatePlan';
import { mergeFindings } from './mergeFindings';
import { parsePlan } from './parsePlan';
import { PlanDiagnostic } from './types';

function diagnostic(
  key: string,
  severity: PlanDiagnostic['severity'],
  line?: number,
): PlanDiagnostic {
  return {
    key,
    severity,
    rule: key,
    message: key,
    ...(line === undefined ? {} : { line }),
  };
}

describe('mergeFindings', () => {
  it('lists a key once, the first time it comes', () => {
    const first = { ...diagnostic('same', 'warning', 30), message: 'first' };
    const again = { ...diagnostic('same', 'warning', 30), message: 'again' };
    const extra = diagnostic('extra', 'info');

    expect(
      mergeFindings({ diagnostics: [first], findings: [again, extra] }),
    ).toEqual([first, extra]);
  });

  it('keeps every entry without a key, as an evaluation of an older parser has', () => {
    const unkeyed = (rule: string, line: number) => {
      const { key: _, ...rest } = diagnostic(rule, 'warning', line);
      return rest as PlanDiagnostic;
    };
    const stored = [unkeyed('a', 1), unkeyed('b', 2)];

    expect(
      mergeFindings({ diagnostics: stored, findings: [unkeyed('c', 3)] }),
    ).toHaveLength(3);
  });

  it('sorts errors first, then warnings and info, each by line, lineless last', () => {
    const merged = mergeFindings({
      diagnostics: [
        diagnostic('i', 'info', 1),
        diagnostic('w2', 'warning', 20),
        diagnostic('e-none', 'error'),
      ],
      findings: [diagnostic('w1', 'warning', 5), diagnostic('e1', 'error', 99)],
    });

    expect(merged.map(d => d.key)).toEqual(['e1', 'e-none', 'w1', 'w2', 'i']);
  });

  it('sorts the waived ones, which count for nothing, after all the others', () => {
    const waiver = {
      reason: 'accepted',
      approvedBy: 'user:default/jane',
      expires: '2030-01-01',
    };
    const merged = mergeFindings({
      diagnostics: [
        { ...diagnostic('waived-error', 'error', 1), waiver },
        diagnostic('info', 'info', 50),
      ],
      findings: [
        { ...diagnostic('waived-warning', 'warning', 2), waiver },
        diagnostic('warning', 'warning', 40),
      ],
    });

    expect(merged.map(d => d.key)).toEqual([
      'warning',
      'info',
      'waived-error',
      'waived-warning',
    ]);
  });

  it('keeps the evaluation order among equals, diagnostics before findings', () => {
    const merged = mergeFindings({
      diagnostics: [diagnostic('b', 'warning', 7)],
      findings: [diagnostic('a', 'warning', 7)],
    });

    expect(merged.map(d => d.key)).toEqual(['b', 'a']);
  });

  it("holds every one of a plan's diagnostics and findings", () => {
    const evaluation = evaluatePlan(parsePlan(samplePlan('sales-orders')));
    const merged = mergeFindings(evaluation);

    expect(evaluation.findings.length).toBeGreaterThan(0);
    expect(merged).toHaveLength(
      evaluation.diagnostics.length + evaluation.findings.length,
    );
    expect(merged).toEqual(
      expect.arrayContaining([
        ...evaluation.diagnostics,
        ...evaluation.findings,
      ]),
    );
  });
});
