import fc from 'fast-check';
import {
  escapeBrackets,
  escapeHeadingEnd,
  escapeLineStart,
  findPlaceholder,
  unescapeBrackets,
  unescapeHeadingEnd,
  unescapeLineStart,
} from './text';

const text = fc
  .array(
    fc.constantFrom(
      '\\',
      '[',
      ']',
      '{',
      '}',
      '#',
      ' ',
      '-',
      '1',
      '.',
      ')',
      '>',
      'a',
      '|',
      '`',
    ),
    {
      maxLength: 12,
    },
  )
  .map(parts => parts.join(''));

describe('text escapes', () => {
  it.each([
    ['brackets', escapeBrackets, unescapeBrackets],
    ['line starts', escapeLineStart, unescapeLineStart],
    ['heading ends', escapeHeadingEnd, unescapeHeadingEnd],
  ])('undo each other for %s (property)', (_, escape, unescape) => {
    fc.assert(
      fc.property(text, value => {
        expect(unescape(escape(value))).toBe(value);
      }),
      { numRuns: 3000 },
    );
  });

  it('write placeholders as text', () => {
    expect(findPlaceholder('[NAME] and {object_name}')).toBe('{object_name}');
    expect(escapeBrackets('[NAME] and {object_name}')).toBe(
      '\\[NAME] and \\{object_name}',
    );
    expect(findPlaceholder(escapeBrackets('[NAME] and {object_name}'))).toBe(
      undefined,
    );
    expect(escapeLineStart('- item')).toBe('\\- item');
    expect(escapeLineStart('1. item')).toBe('1\\. item');
    expect(escapeHeadingEnd('C #')).toBe('C \\#');
  });
});
