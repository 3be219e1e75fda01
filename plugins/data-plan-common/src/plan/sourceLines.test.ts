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
