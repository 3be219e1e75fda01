import { TrendRow } from '../../database/DataPlanStore';
import { trendPoints } from './trendPoints';
import { trendRange } from './trendRange';

const at = (day: number, hour = 12) =>
  new Date(Date.UTC(2026, 10, day, hour)).toISOString();

function row(
  entityRef: string,
  day: number,
  status: string,
  counts: {
    errors?: number;
    pass?: number;
    fail?: number;
    drift?: number | null;
  } = {},
  hour?: number,
): TrendRow {
  return {
    entityRef,
    recordedAt: at(day, hour),
    status,
    summary: {
      error_count: counts.errors ?? 0,
      warning_count: 1,
      risk_unmitigated: 0,
      validation_pass: counts.pass ?? 0,
      validation_fail: counts.fail ?? 0,
      // None before a project's first repository check.
      repository_findings: counts.drift ?? null,
    },
  };
}

describe('trendPoints', () => {
  const range = trendRange(
    { from: '2026-11-10', to: '2026-11-13' },
    new Date(),
  );

  it('counts each project on a day by its last row on or before that day', () => {
    const rows = [
      // a: where it stood before the range, then two changes on the 11th.
      row('a', 2, 'DRAFT', { errors: 3 }),
      row('a', 11, 'REVIEW', { errors: 1 }, 9),
      row('a', 11, 'APPROVED', { errors: 0, pass: 1, fail: 1 }, 18),
      // b: first seen on the 12th.
      row('b', 12, 'DRAFT', { errors: 2, pass: 2 }),
    ];
    const points = trendPoints(rows, range.periods);
    expect(points.map(p => p.date)).toEqual([
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
    ]);
    expect(points[0]).toEqual({
      date: '2026-11-10',
      projects: 1,
      byStatus: { DRAFT: 1 },
      errors: 3,
      warnings: 1,
      unmitigatedHighRisks: 0,
      drift: 0,
    });
    expect(points[1]).toMatchObject({
      projects: 1,
      byStatus: { APPROVED: 1 },
      errors: 0,
      passRate: 0.5,
    });
    expect(points[2]).toMatchObject({
      projects: 2,
      byStatus: { APPROVED: 1, DRAFT: 1 },
      errors: 2,
      warnings: 2,
      passRate: 0.75,
    });
    expect(points[3]).toEqual({ ...points[2], date: '2026-11-13' });
  });

  it('gives every point with no project yet as zero, without a pass rate', () => {
    const [point] = trendPoints([row('a', 20, 'DRAFT')], range.periods);
    expect(point).toEqual({
      date: '2026-11-10',
      projects: 0,
      byStatus: {},
      errors: 0,
      warnings: 0,
      unmitigatedHighRisks: 0,
      drift: 0,
    });
  });

  it('adds up the drift of the projects checked against their repositories', () => {
    const points = trendPoints(
      [
        row('a', 2, 'DRAFT'),
        row('a', 11, 'DRAFT', { drift: 3 }),
        row('b', 2, 'DRAFT', { drift: 1 }),
        row('b', 12, 'DRAFT', { drift: 0 }),
      ],
      range.periods,
    );
    expect(points.map(p => p.drift)).toEqual([1, 4, 3, 3]);
  });

  it('counts a row without a status as UNKNOWN', () => {
    const noStatus = { ...row('a', 1, 'DRAFT') };
    delete noStatus.status;
    expect(trendPoints([noStatus], range.periods)[0].byStatus).toEqual({
      UNKNOWN: 1,
    });
  });
});
