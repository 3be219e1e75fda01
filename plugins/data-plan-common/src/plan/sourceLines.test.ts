import { SourceLines } from './sourceLines';

describe('SourceLines', () => {
  it.each([
    ['LF', 'a\nb\n\nd'],
    ['CRLF', 'a\r\nb\r\n\r\nd'],
    ['CR', 'a\rb\r\rd'],
    ['mixed', 'a\r\nb\n\rd'],
  ])('returns lines by 1-based number with %s endings', (_, text) => {
    const lines = new SourceLines(text);
    expect([1, 2, 3, 4].map(n => lines.get(n))).toEqual(['a', 'b', '', 'd']);
    expect(lines.get(0)).toBe('');
    expect(lines.get(5)).toBe('');
  });
});

describe('SourceLines, asked out of order', () => {
  it('gives each line whatever line was asked for before', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join(
      '\r\n',
    );
    const lines = new SourceLines(text);
    for (const n of [3, 40, 2, 50, 51, 1, 49, 0, 25]) {
      expect(lines.get(n)).toBe(n >= 1 && n <= 50 ? `line ${n}` : '');
    }
  });
});
