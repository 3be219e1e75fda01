import { csvCell, csvRow } from './csv';

describe('csvCell', () => {
  it('quotes text and doubles inner quotes', () => {
    expect(csvCell('Sales "Orders", daily')).toBe('"Sales ""Orders"", daily"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(3)).toBe('"3"');
  });

  it.each([
    ['=HYPERLINK("http://x")'],
    ['+1+1'],
    ['-2+3'],
    ['@SUM(A1)'],
    ['\tcmd'],
    ['\rcmd'],
  ])('defuses the formula %j', text => {
    expect(csvCell(text).startsWith(`"'`)).toBe(true);
  });

  it('leaves negative numbers as numbers', () => {
    expect(csvCell('-2')).toBe('"-2"');
  });

  it('ends rows with CRLF', () => {
    expect(csvRow(['a', 'b'])).toBe('"a","b"\r\n');
  });
});
