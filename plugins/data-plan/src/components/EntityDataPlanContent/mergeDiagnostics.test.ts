import { LinkedDiagnostic } from '@dataplan/plugin-data-plan-common';
import { mergeDiagnostics } from './mergeDiagnostics';

describe('mergeDiagnostics', () => {
  const linkedFinding: LinkedDiagnostic = {
    key: 'unmitigated-risk',
    severity: 'warning',
    rule: 'unmitigated-risk',
    message: 'Risk x has high impact and no mitigation',
    line: 30,
    url: 'https://git.example.com/PLAN.md#L30',
  };

  it('lists a finding the response already holds once, with its link', () => {
    const { url, ...finding } = linkedFinding;

    const merged = mergeDiagnostics([linkedFinding], [finding]);

    expect(merged).toEqual([linkedFinding]);
  });

  it('adds findings the response lacks', () => {
    const extra = {
      key: 'r',
      severity: 'info' as const,
      rule: 'r',
      message: 'm',
    };

    expect(mergeDiagnostics([linkedFinding], [extra])).toEqual([
      linkedFinding,
      extra,
    ]);
  });

  it('sorts errors first, then warnings and info, each by line', () => {
    const merged = mergeDiagnostics(
      [
        { key: 'i', severity: 'info', rule: 'i', message: 'i', line: 1 },
        { key: 'w2', severity: 'warning', rule: 'w2', message: 'w2', line: 20 },
        {
          key: 'e-none',
          severity: 'error',
          rule: 'e-none',
          message: 'no line',
        },
        { key: 'w1', severity: 'warning', rule: 'w1', message: 'w1', line: 5 },
        { key: 'e1', severity: 'error', rule: 'e1', message: 'e1', line: 99 },
      ],
      [],
    );

    expect(merged.map(d => d.rule)).toEqual(['e1', 'e-none', 'w1', 'w2', 'i']);
  });
});
