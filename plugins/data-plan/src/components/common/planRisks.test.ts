import { PlanRisk } from '@dataplan/plugin-data-plan-common';
import {
  isUnmitigatedRisk,
  risksByScore,
  unmitigatedRiskKeys,
} from './planRisks';

describe('isUnmitigatedRisk', () => {
  const risk: PlanRisk = {
    key: 'risk:Late orders',
    risk: 'Late orders',
    impact: 'high',
    line: 10,
  };

  it('matches by key, whatever the line', () => {
    expect(
      isUnmitigatedRisk(
        risk,
        unmitigatedRiskKeys([
          { key: 'risk:Late orders', risk: 'Late orders', line: 14 },
        ]),
      ),
    ).toBe(true);
    expect(
      isUnmitigatedRisk(
        risk,
        unmitigatedRiskKeys([{ key: 'risk:Other', risk: 'Other', line: 10 }]),
      ),
    ).toBe(false);
    expect(isUnmitigatedRisk(risk, unmitigatedRiskKeys([]))).toBe(false);
  });

  it('tells risks with the same text apart', () => {
    const second: PlanRisk = { ...risk, key: 'risk:Late orders#2', line: 11 };
    const unmitigated = unmitigatedRiskKeys([
      { key: 'risk:Late orders#2', risk: 'Late orders', line: 11 },
    ]);
    expect(isUnmitigatedRisk(risk, unmitigated)).toBe(false);
    expect(isUnmitigatedRisk(second, unmitigated)).toBe(true);
  });

  it('matches no risk without a key', () => {
    expect(
      isUnmitigatedRisk(
        { risk: 'Late orders', line: 10 },
        unmitigatedRiskKeys([
          { key: 'risk:Late orders', risk: 'Late orders', line: 10 },
        ]),
      ),
    ).toBe(false);
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
