import { planHistoryResponse } from './planHistoryResponse';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12)).toISOString();
const entry = (day: number, status: string | undefined, errors = 0) => ({
  recordedAt: at(day),
  ...(status ? { status } : {}),
  planVersion: '1.0',
  summary: {
    error_count: errors,
    validation_pass: 1,
    validation_fail: 3,
    repository_findings: 2,
  },
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
      drift: 2,
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
      backfill: { state: 'pending' },
    });
  });

  it('gives each backfilled point its commit, and the backfill as the store has it', () => {
    const response = planHistoryResponse(
      'c',
      [
        { ...entry(1, 'DRAFT'), source: 'backfill', commit: 'a'.repeat(40) },
        { ...entry(4, 'REVIEW'), source: 'live' },
      ],
      new Date(at(5)),
      { state: 'done', at: at(4) },
    );
    expect(response.points.map(point => point.commit)).toEqual([
      'a'.repeat(40),
      undefined,
    ]);
    expect('commit' in response.points[1]).toBe(false);
    expect(response.backfill).toEqual({ state: 'done', at: at(4) });
    expect(
      planHistoryResponse('c', [], new Date(), {
        state: 'unsupported',
        reason: 'no history on example.com',
        at: at(4),
      }).backfill,
    ).toEqual({
      state: 'unsupported',
      reason: 'no history on example.com',
      at: at(4),
    });
  });
});
