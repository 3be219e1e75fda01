import { storedText } from './storedText';

describe('storedText', () => {
  it('replaces NUL characters, which PostgreSQL text refuses', () => {
    expect(storedText('a\u0000b\u0000')).toBe('a\uFFFDb\uFFFD');
  });

  it('cuts to the length without splitting a surrogate pair', () => {
    expect(storedText('abcdef', 4)).toBe('abcd');
    expect(storedText('abc\u{1F600}', 4)).toBe('abc');
    expect(storedText('ab\u{1F600}', 4)).toBe('ab\u{1F600}');
    expect(storedText('short', 255)).toBe('short');
  });

  it('passes undefined through', () => {
    expect(storedText(undefined, 4)).toBeUndefined();
  });
});
