import { parseWaiversText } from './parseWaiversText';

describe('parseWaiversText', () => {
  it('reads the waivers of a YAML file', () => {
    expect(
      parseWaiversText(
        [
          'waivers:',
          '  - rule: unmitigated-risk',
          '    match: { risk: Late-arriving POS orders }',
          '    reason: The vendor fixes the feed in Q3',
          '    approvedBy: group:default/data-leads',
          '    expires: 2026-09-30',
        ].join('\n'),
      ),
    ).toEqual({
      waivers: [
        {
          index: 0,
          rule: 'unmitigated-risk',
          match: { risk: 'Late-arriving POS orders' },
          reason: 'The vendor fixes the feed in Q3',
          approvedBy: 'group:default/data-leads',
          expires: '2026-09-30',
        },
      ],
      problems: [],
    });
    expect(parseWaiversText('')).toEqual({ waivers: [], problems: [] });
  });

  it('makes text that is not YAML one problem that names its line', () => {
    const file = parseWaiversText('waivers:\n  - rule: [unclosed\n');
    expect(file.waivers).toEqual([]);
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0]).toMatchObject({ field: '' });
    expect(file.problems[0].reason).toMatch(/^is not valid YAML \(line \d+: /);
  });

  it('refuses an alias bomb without expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(
        `${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`,
      );
    }
    const file = parseWaiversText(lines.join('\n'));
    expect(file.waivers).toEqual([]);
    expect(file.problems[0].reason).toMatch(/^is not valid YAML \(/);
  });

  it('reads a file that is no waiver file as a problem of the file', () => {
    expect(parseWaiversText('just text').problems).toEqual([
      { field: '', reason: 'must be an object with waivers' },
    ]);
  });
});
