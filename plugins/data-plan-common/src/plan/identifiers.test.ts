import {
  UNQUOTED_IDENTIFIER_PATTERN,
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
