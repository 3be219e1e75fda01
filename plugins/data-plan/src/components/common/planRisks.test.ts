import { PlanRisk } from '@dataplan/plugin-data-plan-common';
import { isUnmitigatedRisk, risksByScore } from './planRisks';

describe('isUnmitigatedRisk', () => {
  const risk: PlanRisk = { risk: 'Late orders', impact: 'high', line: 10 };

  it('matches by line when both sides have one', () => {
    expect(
      isUnmitigatedRisk(risk, [
        { key: 'risk:renamed', risk: 'renamed', line: 10 },
      ]),
    ).toBe(true);
    expect(
      isUnmitigatedRisk(risk, [
        { key: 'risk:Late orders', risk: 'Late orders', line: 11 },
      ]),
    ).toBe(false);
  });

  it('matches by text when a line is missing', () => {
    expect(
      isUnmitigatedRisk(risk, [
        { key: 'risk:Late orders', risk: 'Late orders' },
      ]),
    ).toBe(true);
    expect(
      isUnmitigatedRisk({ risk: 'Late orders' }, [
        { key: 'risk:Late orders', risk: 'Late orders', line: 3 },
      ]),
    ).toBe(true);
    expect(
      isUnmitigatedRisk(risk, [{ key: 'risk:Other', risk: 'Other' }]),
    ).toBe(false);
    expect(isUnmitigatedRisk(risk, [])).toBe(false);
  });
});

describe('risksByScore', () => {
  it('puts the highest score first, unscored last, plan order on ties', () => {
    const risks: PlanRisk[] = [
      { risk: 'a', score: 2 },
      { risk: 'b' },
      { risk: 'c', score: 9 },
      { risk: 'd', score: 2 },
    ];

    expect(risksByScore(risks).map(r => r.risk)).toEqual(['c', 'a', 'd', 'b']);
    expect(risks.map(r => r.risk)).toEqual(['a', 'b', 'c', 'd']);
  });
});
