import {
  AccessibilityViolation,
  formatViolations,
  violationsAtLeast,
} from './accessibility';

const violation = (
  id: string,
  impact: AccessibilityViolation['impact'],
  targets: unknown[][] = [['#x']],
): AccessibilityViolation => ({
  id,
  impact,
  help: `${id} help`,
  helpUrl: `https://dequeuniversity.com/rules/axe/4.14/${id}`,
  nodes: targets.map(target => ({ target })),
});

describe('violationsAtLeast', () => {
  const all = [
    violation('region', 'moderate'),
    violation('color-contrast', 'serious'),
    violation('button-name', 'critical'),
    violation('heading-order', 'minor'),
    violation('no-impact', null),
  ];

  it('keeps serious and critical ones, and those without an impact', () => {
    expect(violationsAtLeast(all, 'serious').map(v => v.id)).toEqual([
      'color-contrast',
      'button-name',
      'no-impact',
    ]);
  });

  it('keeps everything from minor on', () => {
    expect(violationsAtLeast(all, 'minor')).toHaveLength(5);
    expect(violationsAtLeast(all, 'critical').map(v => v.id)).toEqual([
      'button-name',
    ]);
  });
});

describe('formatViolations', () => {
  it('lists rule id, impact, help and each failing selector', () => {
    expect(
      formatViolations([
        violation('button-name', 'critical', [
          ['#save'],
          ['.toolbar > button'],
        ]),
        violation('color-contrast', 'serious', [[['my-widget', '.inner']]]),
      ]),
    ).toBe(
      [
        'button-name (critical): button-name help <https://dequeuniversity.com/rules/axe/4.14/button-name>',
        '  - #save',
        '  - .toolbar > button',
        '',
        'color-contrast (serious): color-contrast help <https://dequeuniversity.com/rules/axe/4.14/color-contrast>',
        '  - my-widget >> .inner',
      ].join('\n'),
    );
  });

  it('caps the selectors it lists', () => {
    const many = violation(
      'region',
      'moderate',
      Array.from({ length: 13 }, (_, i) => [`#n${i}`]),
    );
    const lines = formatViolations([many], 10).split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[10]).toBe('  - #n9');
    expect(lines[11]).toBe('  … and 3 more');
  });
});
