import { Block, SectionNode, Table } from './blocks';
import {
  cleanText,
  findPlaceholder,
  normalizeHeading,
  unescapeBrackets,
} from './text';
import { fieldKey, findingKey, occurrenceKeys } from './findingKeys';
import { PlanDiagnostic, Severity } from './types';

/** Collects diagnostics while the section readers walk the document. */
export class ParseContext {
  readonly diagnostics: PlanDiagnostic[] = [];
  private readonly unique = occurrenceKeys();

  /** `subject` is the content key of what the diagnostic is about (see `findingKeys`). */
  report(
    severity: Severity,
    rule: string,
    message: string,
    line?: number,
    subject?: string,
  ) {
    const key = this.unique(findingKey(rule, subject));
    this.diagnostics.push(
      line === undefined
        ? { key, severity, rule, message }
        : { key, severity, rule, message, line },
    );
  }

  /**
   * Cleaned text of a field; `undefined` for blank text, and for text that still holds a
   * template placeholder (reported once, naming the field).
   */
  value(
    raw: string | undefined,
    line: number,
    what: string,
    subject?: string,
  ): string | undefined {
    const text = cleanText(raw ?? '');
    if (!text) return undefined;
    if (this.placeholder(text, line, what, subject)) return undefined;
    return unescapeBrackets(text);
  }

  /** Cleaned text that is kept even with a placeholder in it (a title, a list entry). */
  text(raw: string, line: number, what: string): string {
    const text = cleanText(raw);
    this.placeholder(text, line, what);
    return unescapeBrackets(text);
  }

  /**
   * Reports a placeholder in `text`; true when there was one. Its subject is the field and
   * its text unless the caller names one (a metadata row is one field).
   */
  placeholder(
    text: string,
    line: number,
    what: string,
    subject?: string,
  ): boolean {
    const found = findPlaceholder(text);
    if (found === undefined) return false;
    this.report(
      'warning',
      'placeholder',
      `${what} still holds the template placeholder '${found}'`,
      line,
      // Only a found placeholder needs its key: most values have none.
      subject ?? fieldKey(what, text),
    );
    return true;
  }
}

/** A table row as a record keyed by column, with its line. */
export interface RowRecord {
  line: number;
  cells: Record<string, string>;
}

/**
 * Reads the rows of a table into records, finding columns by header name (the first
 * column whose header matches each pattern, else by position). Rows with more cells than
 * the header, and rows with every cell empty, are reported or skipped.
 */
export function readTableRows(
  ctx: ParseContext,
  table: Table,
  columns: Array<{ key: string; header: RegExp }>,
  what: string,
): RowRecord[] {
  const headers = table.header.map(normalizeHeading);
  const used = new Set<number>();
  const positions = columns.map((column, position) => {
    const found = headers.findIndex(
      (h, index) => !used.has(index) && column.header.test(h),
    );
    const index = found >= 0 ? found : position;
    used.add(index);
    return index;
  });
  const rows: RowRecord[] = [];
  for (const row of table.rows) {
    if (row.cells.every(cell => !cell.trim())) continue;
    if (row.sourceCells.length > table.header.length) {
      ctx.report(
        'warning',
        'malformed-table-row',
        `${what}: row has ${row.sourceCells.length} cells but the table has ${table.header.length} columns; escape '|' inside a cell as '\\|'`,
        row.line,
        fieldKey(what, row.cells.join('|')),
      );
    }
    const cells: Record<string, string> = {};
    columns.forEach((column, i) => {
      cells[column.key] = row.cells[positions[i]] ?? '';
    });
    rows.push({ line: row.line, cells });
  }
  return rows;
}

/** The first table among the blocks of a section (or of its sub-sections). */
export function firstTable(node: SectionNode | undefined): Table | undefined {
  if (!node) return undefined;
  for (const block of node.blocks) {
    if (block.type === 'table') return block.table;
  }
  for (const child of node.children) {
    const table = firstTable(child);
    if (table) return table;
  }
  return undefined;
}

/** The blocks of a section and of all its sub-sections, in document order. */
export function allBlocks(node: SectionNode): Block[] {
  const blocks = [...node.blocks];
  for (const child of node.children) blocks.push(...allBlocks(child));
  return blocks;
}

/** The first direct sub-section whose normalized title matches. */
export function findChild(
  node: SectionNode | undefined,
  pattern: RegExp,
): SectionNode | undefined {
  return node?.children.find(child =>
    pattern.test(normalizeHeading(child.title)),
  );
}
