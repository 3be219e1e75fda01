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
    previous: { status: 'DRAFT', judgedAlike: true, evaluation: evaluation() },
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
    });
    expect(notice.scope).toMatch(/^data-plan:statusChanged:[0-9a-f]{64}$/);
    // Another change is another notification; the same one sent again replaces itself.
    const [later] = detectWriteNotices(
      result({ status: 'REVIEW', now: new Date('2026-12-04T10:00:00Z') }),
      ALL,
    );
    expect(later.scope).not.toBe(notice.scope);
    expect(detectWriteNotices(result({ status: 'REVIEW' }), ALL)[0].scope).toBe(
      notice.scope,
    );
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
          previous: { status: 'DRAFT', judgedAlike: true, evaluation: before },
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
        previous: { status: 'DRAFT', judgedAlike: true, evaluation: before },
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

  it('tells no error the replaced result had, waived or not (its waiver file may not have been read this time)', () => {
    const waived = evaluation({
      key: 'object-missing:A',
      waiver: {
        reason: 'r',
        approvedBy: 'group:default/x',
        expires: '2027-01-01',
      },
    });
    expect(
      detectWriteNotices(
        result({
          previous: { status: 'DRAFT', judgedAlike: true, evaluation: waived },
          evaluation: evaluation(
            { key: 'object-missing:A' },
            { key: 'waiver-invalid', rule: 'waiver-invalid' },
          ),
        }),
        ALL,
      ),
    ).toEqual([]);
  });

  it('tells no new error when custom rules ran over their budget on either side, but still the status', () => {
    const over = detectWriteNotices(
      result({
        status: 'REVIEW',
        rulesOverBudget: true,
        evaluation: evaluation({ key: 'custom:B' }),
      }),
      ALL,
    );
    expect(over.map(n => n.kind)).toEqual(['statusChanged']);
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
          previous: {
            status: 'DRAFT',
            judgedAlike: true,
            evaluation: evaluation(expired),
          },
          evaluation: evaluation(expired),
        }),
        ALL,
      ),
    ).toEqual([]);
  });

  it('tells the waivers that expired at once in one notice', () => {
    const expired = (n: number) => ({
      rule: 'waiver-expired',
      severity: 'warning' as const,
      key: `waiver-expired:w${n}`,
      message: `Waiver waivers[${n}] expired on 2026-12-02 and waives nothing`,
    });
    const notices = detectWriteNotices(
      result({
        contentChanged: false,
        evaluation: evaluation(...[0, 1, 2, 3, 4].map(expired)),
      }),
      ALL,
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toBe('Sales orders: 5 waivers expired');
    expect(notices[0].description?.split('\n')).toEqual([
      expired(0).message,
      expired(1).message,
      expired(2).message,
      'and 2 more',
    ]);
  });

  it('keeps titles to one line of bounded length, whatever the plan says', () => {
    const [notice] = detectWriteNotices(
      result({
        status: `RE\nVIEW\u202e\u0085${'x'.repeat(500)}\ud83d\ude00`,
      }),
      ALL,
    );
    expect(notice.title).not.toMatch(/[\n\u202e\u0085]/);
    expect(notice.title.length).toBeLessThanOrEqual(200);
    // Never half a surrogate pair.
    expect(notice.title).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
