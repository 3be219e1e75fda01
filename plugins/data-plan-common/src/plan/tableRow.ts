const PIPE = 0x7c;
const BACKSLASH = 0x5c;

/**
 * Splits a table line into cells the way GFM does: on each `|` not escaped by `\`, the
 * outer pipes dropped. Cells are as written (untrimmed, escapes kept), and there may be
 * more of them than the table has columns, which markdown-it's tokens leave out.
 */
export function splitTableRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === PIPE && text.charCodeAt(i - 1) !== BACKSLASH) {
      cells.push(text.slice(start, i));
      start = i + 1;
    }
  }
  cells.push(text.slice(start));
  return cells;
}
