import { planHistoryResponse } from './planHistoryResponse';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12)).toISOString();
const entry = (day: number, status: string | undefined, errors = 0) => ({
  recordedAt: at(day),
  ...(status ? { status } : {}),
  planVersion: '1.0',
  summary: { error_count: errors, validation_pass: 1, validation_fail: 3 },
});

describe('planHistoryResponse', () => {
  it('gives each run of one status with its days, the current one up to today', () => {
    const response = planHistoryResponse(
      'component:default/a',
      [
        entry(1, 'DRAFT', 2),
        entry(3, 'DRAFT', 1),
        entry(5, 'REVIEW'),
        entry(9, 'DRAFT'),
      ],
      new Date(Date.UTC(2026, 10, 12, 8)),
    );
    expect(response.statuses).toEqual([
      { status: 'DRAFT', since: at(1), until: at(5), days: 4 },
      { status: 'REVIEW', since: at(5), until: at(9), days: 4 },
      { status: 'DRAFT', since: at(9), days: 3 },
    ]);
    expect(response.points[0]).toEqual({
      recordedAt: at(1),
      status: 'DRAFT',
      planVersion: '1.0',
      errors: 2,
      warnings: 0,
      unmitigatedHighRisks: 0,
      passRate: 0.25,
    });
    expect(response.points).toHaveLength(4);
  });

  it('keeps a run without a status, and is empty without history', () => {
    expect(
      planHistoryResponse('c', [entry(1, undefined)], new Date(at(2))).statuses,
    ).toEqual([{ since: at(1), days: 1 }]);
    expect(planHistoryResponse('c', [], new Date())).toEqual({
      entityRef: 'c',
      statuses: [],
      points: [],
    });
  });
});
