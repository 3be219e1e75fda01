import { MAX_WAIVERS, parseWaiverFile } from './waiverFile';

const valid = {
  rule: 'unmitigated-risk',
  match: { risk: 'Late-arriving POS orders' },
  reason: 'The POS vendor fixes the feed in Q3',
  approvedBy: 'group:default/data-leads',
  expires: '2025-09-30',
};

describe('parseWaiverFile', () => {
  it('reads each waiver with its position, the approver as a full entity ref', () => {
    expect(
      parseWaiverFile({
        waivers: [
          valid,
          {
            rule: 'unknown-dependency',
            match: { object: 'scm_db.transform.weekly_movements' },
            reason: 'SALES_DAILY comes from another project',
            approvedBy: 'jane',
            expires: '2025-07-01',
          },
        ],
      }),
    ).toEqual({
      waivers: [
        { index: 0, ...valid },
        {
          index: 1,
          rule: 'unknown-dependency',
          match: { object: 'scm_db.transform.weekly_movements' },
          reason: 'SALES_DAILY comes from another project',
          approvedBy: 'user:default/jane',
          expires: '2025-07-01',
        },
      ],
      problems: [],
    });
  });

  it('has no waivers and no problems for an empty file or an empty list', () => {
    for (const value of [
      undefined,
      null,
      {},
      { waivers: null },
      { waivers: [] },
    ]) {
      expect(parseWaiverFile(value)).toEqual({ waivers: [], problems: [] });
    }
  });

  it('keeps a waiver without reason or approver, for applyWaivers to report', () => {
    const { reason: _, approvedBy: __, ...bare } = valid;
    expect(parseWaiverFile({ waivers: [{ ...bare, reason: '  ' }] })).toEqual({
      waivers: [{ index: 0, ...bare }],
      problems: [],
    });
  });

  it('names the field of each bad entry and still reads the others', () => {
    const { waivers, problems } = parseWaiverFile({
      waivers: [
        valid,
        { ...valid, expires: '2025-02-30' },
        { ...valid, match: {} },
        { ...valid, match: { risk: 'a', line: 3 } },
        { ...valid, approvedBy: 'component:default/orders' },
        { ...valid, rule: 'waiver-expired' },
        { ...valid, reasons: 'typo' },
        'not a waiver',
        { ...valid, match: { line: 0 } },
        { ...valid, expires: undefined },
        valid,
      ],
    });

    expect(waivers.map(w => w.index)).toEqual([0, 10]);
    expect(problems).toEqual([
      { field: 'waivers[1].expires', reason: 'must be a date YYYY-MM-DD' },
      {
        field: 'waivers[2].match',
        reason: 'must name one of object, risk, criterion, file, line',
      },
      {
        field: 'waivers[3].match',
        reason:
          'must name only one of object, risk, criterion, file, line, not risk and line',
      },
      {
        field: 'waivers[4].approvedBy',
        reason:
          'must be the entity ref of a user or group, e.g. user:default/jane or group:default/data-leads',
      },
      {
        field: 'waivers[5].rule',
        reason: 'must not be a waiver rule: waivers cannot be waived',
      },
      {
        field: 'waivers[6].reasons',
        reason:
          'is not a waiver field: use one of rule, match, reason, approvedBy, expires',
      },
      {
        field: 'waivers[7]',
        reason:
          'must be an object with rule, match, reason, approvedBy and expires',
      },
      {
        field: 'waivers[8].match.line',
        reason: 'must be a line number, at least 1',
      },
      { field: 'waivers[9].expires', reason: 'is required' },
    ]);
  });

  it('refuses a file that is not an object of waivers, naming what is wrong', () => {
    expect(parseWaiverFile(['a']).problems).toEqual([
      { field: '', reason: 'must be an object with waivers' },
    ]);
    expect(parseWaiverFile({ waivers: 'all' }).problems).toEqual([
      { field: 'waivers', reason: 'must be a list of waivers' },
    ]);
    expect(parseWaiverFile({ waiver: [valid], waivers: [valid] })).toEqual({
      waivers: [{ index: 0, ...valid }],
      problems: [
        { field: 'waiver', reason: 'is not a waiver file field: use waivers' },
      ],
    });
  });

  it('reads an expiry a YAML 1.1 reader made a Date as that date', () => {
    const { waivers } = parseWaiverFile({
      waivers: [{ ...valid, expires: new Date(Date.UTC(2025, 8, 30)) }],
    });
    expect(waivers[0].expires).toBe('2025-09-30');
  });

  it('reads hostile content without throwing: non-text values, deep nesting, a huge list', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = { match: deep };
    const hostile = [
      {
        rule: 42,
        match: { object: ['A'] },
        reason: {},
        approvedBy: 7,
        expires: 20250101,
      },
      { ...valid, match: deep },
      deep,
      { ...valid, match: { object: { object: deep } } },
      { ...valid, ['__proto__' as string]: { polluted: true } },
    ];
    const huge = Array.from({ length: MAX_WAIVERS + 5000 }, (_, i) =>
      i < hostile.length ? hostile[i] : valid,
    );

    const { waivers, problems } = parseWaiverFile({ waivers: huge });

    expect(waivers).toHaveLength(MAX_WAIVERS - hostile.length);
    expect(problems.map(p => p.field)).toEqual([
      'waivers[0].rule',
      'waivers[1].match.match',
      'waivers[2].rule',
      'waivers[3].match.object',
      'waivers[4].__proto__',
      'waivers',
    ]);
    expect(problems[problems.length - 1]).toEqual({
      field: 'waivers',
      reason: `has ${
        MAX_WAIVERS + 5000
      } entries; only the first ${MAX_WAIVERS} are read`,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
