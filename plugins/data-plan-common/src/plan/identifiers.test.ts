import fc from 'fast-check';
import {
  UNQUOTED_IDENTIFIER_PATTERN,
  identifierKey,
  isUnquotedIdentifier,
  parseIdentifier,
} from './identifiers';

describe('unquoted identifiers', () => {
  const pattern = new RegExp(UNQUOTED_IDENTIFIER_PATTERN);

  it('are one unquoted part, as parseIdentifier reads it', () => {
    for (const name of ['ORDERS_RAW', 'orders', '_x', 'A$1', 'A'.repeat(255)]) {
      expect(isUnquotedIdentifier(name)).toBe(true);
      expect(pattern.test(name)).toBe(true);
      expect(parseIdentifier(name)).toMatchObject({ depth: 1 });
    }
  });

  it('are nothing else, however long', () => {
    for (const name of [
      '',
      '1A',
      'sales-db',
      'orders raw',
      'RAW.ORDERS',
      '"Orders"',
      'A'.repeat(256),
      `A${'$'.repeat(100_000)}!`,
    ]) {
      expect(isUnquotedIdentifier(name)).toBe(false);
      expect(pattern.test(name)).toBe(false);
    }
  });
});

describe('the identifier scan', () => {
  // What the scan replaces: one to three unquoted parts, by regex.
  const unquoted = new RegExp(UNQUOTED_IDENTIFIER_PATTERN);
  const plain =
    /^[A-Za-z_][A-Za-z0-9_$]{0,254}(?:\.[A-Za-z_][A-Za-z0-9_$]{0,254}){0,2}$/;
  const names = fc.oneof(
    fc.stringMatching(/^[aZ_0$.-]{0,12}$/),
    fc
      .array(fc.integer({ min: 1, max: 258 }), { minLength: 1, maxLength: 4 })
      .map(lengths => lengths.map(n => 'a'.repeat(n)).join('.')),
  );

  it('accepts exactly what the patterns accept', () => {
    fc.assert(
      fc.property(names, name => {
        expect(isUnquotedIdentifier(name)).toBe(unquoted.test(name));
        // Without quotes, a name the pattern refuses is no identifier at all.
        const key = name.toUpperCase();
        expect(parseIdentifier(name)).toEqual(
          plain.test(name)
            ? {
                key,
                name: key.split('.').pop(),
                depth: key.split('.').length,
                suffix: key.split('.').slice(-2).join('.'),
              }
            : undefined,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the key and depth that parseIdentifier gives, quoted or not', () => {
    const quotedOrNot = fc.oneof(
      names,
      fc.stringMatching(/^[ a"_.B-]{0,10}$/),
      fc
        .array(fc.constantFrom('a', '"b.c"', '"x""y"', 'C', ' ', '.'))
        .map(parts => parts.join('')),
    );
    fc.assert(
      fc.property(quotedOrNot, name => {
        const parsed = parseIdentifier(name);
        const read = identifierKey(name);
        expect(read && { key: read.key, depth: read.depth }).toEqual(
          parsed && { key: parsed.key, depth: parsed.depth },
        );
      }),
      { numRuns: 2000 },
    );
    expect(identifierKey(' db."Sch.ema".t ')).toMatchObject({
      key: 'DB.Sch.ema.T',
      depth: 3,
    });
  });
});
