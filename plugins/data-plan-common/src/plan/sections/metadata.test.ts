import fc from 'fast-check';
import { HOURS, POINTS } from './metadata';

// The effort regexes before `(?<!\d)`: quadratic on a long run of digits.
const OLD_POINTS = /(\d+(?:\.\d+)?)\s*(?:story\s*points?|sp|points?|pts?)\b/i;
const OLD_HOURS = /(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)\b/i;

describe('effort patterns', () => {
  it('match where the patterns without the look-behind matched (property)', () => {
    const text = fc
      .array(
        fc.constantFrom(
          '1',
          '2',
          '.',
          ' ',
          'sp',
          'story points',
          'h',
          'hours',
          'hrs',
          'pt',
          'x',
          '/',
        ),
        { maxLength: 16 },
      )
      .map(parts => parts.join(''));
    fc.assert(
      fc.property(text, value => {
        for (const [pattern, old] of [
          [POINTS, OLD_POINTS],
          [HOURS, OLD_HOURS],
        ]) {
          const now = pattern.exec(value);
          const before = old.exec(value);
          expect(now && [now.index, now[0]]).toEqual(
            before && [before.index, before[0]],
          );
        }
      }),
      { numRuns: 5000 },
    );
  });
});
