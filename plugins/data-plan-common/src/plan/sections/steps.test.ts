import fc from 'fast-check';
import { splitNames } from './steps';

describe('splitNames', () => {
  it('splits as the separator regex did (property)', () => {
    const text = fc
      .array(
        fc.constantFrom(
          ' ',
          '  ',
          '\t',
          ',',
          ';',
          'and',
          'AND',
          'And',
          'a',
          'n',
          'd',
          'X',
          '\u00a0',
          'band',
        ),
        { maxLength: 20 },
      )
      .map(parts => parts.join(''));
    fc.assert(
      fc.property(text, value => {
        expect(splitNames(value)).toEqual(value.split(/\s*[,;]\s*|\s+and\s+/i));
      }),
      { numRuns: 5000 },
    );
  });
});
