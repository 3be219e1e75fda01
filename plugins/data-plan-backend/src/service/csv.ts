/**
 * One CSV cell: quoted, inner quotes doubled, and text that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) prefixed with an apostrophe.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  // Most cells of an export are counts: nothing to defuse or escape.
  if (typeof value === 'number') return `"${value}"`;
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text))
    text = `'${text}`;
  return `"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
