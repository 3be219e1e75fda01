import {
  PLAN_NOTICE_KINDS,
  PlanDiagnostic,
  PlanEvaluation,
} from '@dataplan/plugin-data-plan-common';
import { detectWriteNotices, WrittenResult } from './detectWriteNotices';

const ALL = new Set(PLAN_NOTICE_KINDS);
const project = {
  entityRef: 'component:default/sales-orders',
  name: 'sales-orders',
  title: 'Sales orders',
};
const now = new Date('2026-12-03T10:00:00Z');

function evaluation(...findings: Partial<PlanDiagnostic>[]): PlanEvaluation {
  return {
    diagnostics: [],
    findings: findings.map(f => ({
      severity: 'error',
      rule: 'object-missing',
      message: 'a finding',
      ...f,
    })),
  } as unknown as PlanEvaluation;
}

function result(overrides: Partial<WrittenResult>): WrittenResult {
  return {
    project,
    previous: { status: 'DRAFT', evaluation: evaluation() },
    contentChanged: true,
    status: 'DRAFT',
    evaluation: evaluation(),
    now,
    ...overrides,
  };
}

describe('detectWriteNotices', () => {
  it('tells a status change of a new version, with the project and both statuses, linking to the tab', () => {
    const [notice, ...rest] = detectWriteNotices(
      result({ status: 'REVIEW' }),
      ALL,
    );
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({
      entityRef: project.entityRef,
      kind: 'statusChanged',
      title: 'Sales orders: status DRAFT → REVIEW',
      link: '/catalog/default/component/sales-orders/data-plan',
      severity: 'normal',
      scope: 'data-plan:statusChanged:component:default/sales-orders',
    });
  });

  it('tells nothing without a result judged alike: a first read, another policy or parser', () => {
    expect(
      detectWriteNotices(
        result({ previous: undefined, status: 'REVIEW' }),
        ALL,
      ),
    ).toEqual([]);
  });

  it('tells nothing of a kind that is off', () => {
    expect(
      detectWriteNotices(
        result({ status: 'REVIEW' }),
        new Set(['newError'] as const),
      ),
    ).toEqual([]);
  });

  it('tells no status change without a new version of the plan', () => {
    expect(
      detectWriteNotices(
        result({ status: 'REVIEW', contentChanged: false }),
        ALL,
      ),
    ).toEqual([]);
  });

  it('tells an error by its content key: one that moved to another line is not new', () => {
    const before = evaluation({ key: 'object-missing:A', line: 3 });
    const moved = evaluation({ key: 'object-missing:A', line: 9 });
    expect(
      detectWriteNotices(
        result({
          previous: { status: 'DRAFT', evaluation: before },
          evaluation: moved,
        }),
        ALL,
      ),
    ).toEqual([]);

    const added = evaluation(
      { key: 'object-missing:A', line: 9 },
      { key: 'object-missing:B', message: 'B is missing' },
    );
    const notices = detectWriteNotices(
      result({
        previous: { status: 'DRAFT', evaluation: before },
        evaluation: added,
      }),
      ALL,
    );
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'newError',
        title: 'Sales orders: a new error',
        description: 'B is missing',
        severity: 'high',
      }),
    ]);
  });

  it('counts neither waived errors nor warnings as new errors', () => {
    const notices = detectWriteNotices(
      result({
        evaluation: evaluation(
          {
            key: 'object-missing:A',
            waiver: {
              reason: 'r',
              approvedBy: 'group:default/x',
              expires: '2027-01-01',
            },
          },
          { key: 'object-missing:B', severity: 'warning' },
        ),
      }),
      ALL,
    );
    expect(notices).toEqual([]);
  });

  it('tells each waiver that expired since the result it replaces, also without a new version', () => {
    const expired = {
      rule: 'waiver-expired',
      severity: 'warning' as const,
      key: 'waiver-expired:w1',
      message: 'Waiver waivers[0] expired on 2026-12-02 and waives nothing',
    };
    const notices = detectWriteNotices(
      result({ contentChanged: false, evaluation: evaluation(expired) }),
      ALL,
    );
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'waiverExpired',
        title: 'Sales orders: a waiver expired',
        description: expired.message,
        severity: 'high',
      }),
    ]);
    // Already expired before: nothing new.
    expect(
      detectWriteNotices(
        result({
          contentChanged: false,
          previous: { status: 'DRAFT', evaluation: evaluation(expired) },
          evaluation: evaluation(expired),
        }),
        ALL,
      ),
    ).toEqual([]);
  });

  it('keeps titles to one line of bounded length, whatever the plan says', () => {
    const [notice] = detectWriteNotices(
      result({ status: `RE\nVIEW${'x'.repeat(500)}` }),
      ALL,
    );
    expect(notice.title).not.toContain('\n');
    expect(notice.title.length).toBeLessThanOrEqual(200);
  });
});
