import fc from 'fast-check';

/**
 * One of the `base` plan texts with random damage: lines dropped, duplicated, swapped, cut or
 * spliced with noise, joined by LF or CRLF. The property tests and the golden bench share it.
 */
export function damagedPlanArbitrary(base: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...base),
      fc.array(
        fc.tuple(
          fc.constantFrom(
            'drop',
            'duplicate',
            'swap',
            'cut',
            'insert',
            'pipes',
          ),
          fc.nat(),
          fc.nat(),
          fc.string({ unit: 'binary', maxLength: 20 }),
        ),
        { minLength: 1, maxLength: 12 },
      ),
    )
    .map(([text, edits]) => {
      const lines = text.split('\n');
      for (const [op, a, b, noise] of edits) {
        const i = a % lines.length;
        const j = b % lines.length;
        if (op === 'drop') lines.splice(i, 1);
        else if (op === 'duplicate') lines.splice(i, 0, lines[i]);
        else if (op === 'swap') [lines[i], lines[j]] = [lines[j], lines[i]];
        else if (op === 'cut')
          lines[i] = lines[i].slice(0, b % (lines[i].length + 1));
        else if (op === 'insert') lines.splice(i, 0, noise);
        else lines[i] = `${lines[i]} | ${noise} |`;
        if (lines.length === 0) lines.push('');
      }
      return lines.join(edits.length % 2 === 0 ? '\r\n' : '\n');
    });
}
