import { applyWaivers } from './applyWaivers';
import { findingKey, riskKey } from './findingKeys';
import { PlanDiagnostic } from './types';
import { PlanWaiver } from './waiverFile';
import { waiversHoldUntil } from './waiversHoldUntil';

function waiver(index: number, expires: string): PlanWaiver {
  return {
    index,
    rule: 'unmitigated-risk',
    match: { risk: `Risk ${index}` },
    reason: 'Accepted for now',
    approvedBy: 'group:default/data-leads',
    expires,
  };
}

const findings: PlanDiagnostic[] = [0, 1, 2].map(index => ({
  key: findingKey('unmitigated-risk', riskKey({ risk: `Risk ${index}` })),
  severity: 'warning',
  rule: 'unmitigated-risk',
  message: `Risk ${index} has no mitigation`,
}));

describe('waiversHoldUntil', () => {
  it('is the earliest expiry of the waivers in force', () => {
    const waivers = [
      waiver(0, '2026-03-10'),
      waiver(1, '2026-03-05'),
      waiver(2, '2026-02-01'),
    ];
    expect(waiversHoldUntil(waivers, { today: '2026-03-01' })).toBe(
      '2026-03-05',
    );
    // Expired ones stay expired.
    expect(waiversHoldUntil(waivers, { today: '2026-03-06' })).toBe(
      '2026-03-10',
    );
    expect(
      waiversHoldUntil(waivers, { today: new Date('2026-03-11T23:00:00Z') }),
    ).toBeUndefined();
    expect(
      waiversHoldUntil({ waivers: [], problems: [] }, { today: '2026-03-01' }),
    ).toBeUndefined();
  });

  it('is today while a waiver is beyond maxWaiverDays, its expiry once within them', () => {
    const policy = { maxWaiverDays: 30 };
    const waivers = [waiver(0, '2026-05-01')];
    expect(waiversHoldUntil(waivers, { policy, today: '2026-03-01' })).toBe(
      '2026-03-01',
    );
    expect(waiversHoldUntil(waivers, { policy, today: '2026-04-01' })).toBe(
      '2026-05-01',
    );
  });

  it('says when applyWaivers would judge differently, and not before', () => {
    const policy = { maxWaiverDays: 20 };
    const waivers = [
      waiver(0, '2026-03-04'),
      waiver(1, '2026-03-30'),
      waiver(2, '2026-02-20'),
    ];
    const judged = (day: string) =>
      JSON.stringify(applyWaivers(findings, waivers, { policy, today: day }));
    const next = (day: string) =>
      new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
    let today = '2026-03-01';
    let changes = 0;
    for (let step = 0; step < 60; step++) {
      const until = waiversHoldUntil(waivers, { policy, today });
      if (until === undefined) break;
      for (let day = today; day <= until; day = next(day)) {
        expect(judged(day)).toBe(judged(today));
      }
      expect(judged(next(until))).not.toBe(judged(today));
      changes++;
      today = next(until);
    }
    expect(changes).toBeGreaterThan(3);
  });

  it('refuses a day that is not a date', () => {
    expect(() => waiversHoldUntil([], { today: '2026-02-30' })).toThrow(
      'today must be a date YYYY-MM-DD, not 2026-02-30',
    );
  });
});
