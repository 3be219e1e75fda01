import { SourceLines } from './sourceLines';
import { splitTableRow } from './tableRow';
import { unescapeCell, unescapeHeadingEnd, unescapeLineStart } from './text';
import { EventKind, TokenEvents } from './tokenEvents';

/** A list item: its own text, nested items and the code blocks inside it. */
export interface ListItem {
  text: string;
  line: number;
  children: ListItem[];
  code: CodeBlock[];
}

export interface CodeBlock {
  info: string;
  lines: string[];
  /** Line of the first content line. */
  line: number;
}

export interface TableRow {
  /** As markdown-it reads them: one per column of the header, escaped pipes unescaped. */
  cells: string[];
  /** As split from the source line (see `splitTableRow`); more than the header means a malformed row. */
  sourceCells: string[];
  line: number;
}

export interface Table {
  header: string[];
  rows: TableRow[];
  line: number;
}

export type Block =
  | { type: 'heading'; level: number; text: string; line: number }
  | { type: 'paragraph'; text: string; line: number }
  | { type: 'list'; items: ListItem[]; line: number }
  | { type: 'table'; table: Table; line: number }
  | { type: 'code'; code: CodeBlock; line: number };

/** A heading with the blocks under it and its sub-headings. */
export interface SectionNode {
  level: number;
  title: string;
  line: number;
  blocks: Block[];
  children: SectionNode[];
}

// Most list items have no nested items and no code: they share one empty array until
// they get their own, which keeps large plans from allocating two arrays per item.
const NONE: never[] = [];

/** The text on one line: each line break and the whitespace around it become one space. */
function inlineText(content: string): string {
  if (!content.includes('\n')) return content.trim();
  // Line by line rather than `/\s*\n\s*/g`, which backtracks over long runs of spaces.
  const parts: string[] = [];
  for (const part of content.split('\n')) {
    const trimmed = part.trim();
    if (trimmed) parts.push(trimmed);
  }
  return parts.join(' ');
}

function codeBlock(events: TokenEvents, i: number): CodeBlock {
  const lines = events.texts[i].replace(/\n$/, '').split('\n');
  const fenced = events.kinds[i] === EventKind.Fence;
  return {
    info: fenced ? events.infos[events.numbers[i]].trim() : '',
    lines: lines.length === 1 && lines[0] === '' ? [] : lines,
    line: events.lines[i] + (fenced ? 1 : 0),
  };
}

// The items of the lists being read, innermost last: `readList` leaves a list's items here
// and its caller takes them with `takeItems` as an array of exact size, so no list keeps
// the spare room of an array grown by push. A caller that reads a list from the top empties
// it in a `finally` (as `readBlocks` does), so that a throw leaves nothing behind.
const pending: ListItem[] = [];

/** The items from `base` on, taken off `pending`. */
function takeItems(base: number): ListItem[] {
  const items = pending.slice(base);
  pending.length = base;
  return items;
}

/**
 * Reads the token events into a flat list of blocks with 1-based lines. Linear in the
 * number of events.
 */
export function readBlocks(
  events: TokenEvents,
  sourceLines: SourceLines,
): Block[] {
  const { kinds, lines, texts } = events;
  const blocks: Block[] = [];
  let i = 0;
  while (i < events.length) {
    const kind = kinds[i];
    switch (kind) {
      case EventKind.Heading:
        blocks.push({
          type: 'heading',
          level: events.numbers[i],
          text: unescapeHeadingEnd(inlineText(texts[i])),
          line: lines[i],
        });
        i++;
        break;
      case EventKind.Paragraph:
        blocks.push({
          type: 'paragraph',
          text: unescapeLineStart(texts[i]),
          line: lines[i],
        });
        i++;
        break;
      case EventKind.BulletListOpen:
      case EventKind.OrderedListOpen: {
        const line = lines[i];
        try {
          i = readList(events, i);
          blocks.push({ type: 'list', items: takeItems(0), line });
        } finally {
          pending.length = 0;
        }
        break;
      }
      case EventKind.TableOpen: {
        const read = readTable(events, i, sourceLines);
        blocks.push({ type: 'table', table: read.table, line: lines[i] });
        i = read.next;
        break;
      }
      case EventKind.Fence:
      case EventKind.CodeBlock:
        blocks.push({
          type: 'code',
          code: codeBlock(events, i),
          line: lines[i],
        });
        i++;
        break;
      default:
        i++;
    }
  }
  return blocks;
}

/**
 * Reads the list that starts at event `start` onto `pending` (see there: the caller takes
 * the items); returns the index after it.
 */
function readList(events: TokenEvents, start: number): number {
  const { kinds, lines, texts } = events;
  const close =
    kinds[start] === EventKind.BulletListOpen
      ? EventKind.BulletListClose
      : EventKind.OrderedListClose;
  let i = start + 1;
  let item: ListItem | undefined;
  while (i < events.length && kinds[i] !== close) {
    const kind = kinds[i];
    if (kind === EventKind.ListItemOpen) {
      item = { text: '', line: lines[i], children: NONE, code: NONE };
      pending.push(item);
      i++;
    } else if (kind === EventKind.Paragraph) {
      if (item && !item.text) {
        item.text = unescapeLineStart(inlineText(texts[i]));
      }
      i++;
    } else if (
      kind === EventKind.BulletListOpen ||
      kind === EventKind.OrderedListOpen
    ) {
      const base = pending.length;
      i = readList(events, i);
      const nested = takeItems(base);
      if (item) {
        if (item.children === NONE) item.children = nested;
        else for (const child of nested) item.children.push(child);
      }
    } else if (kind === EventKind.Fence || kind === EventKind.CodeBlock) {
      if (item) {
        if (item.code === NONE) item.code = [];
        item.code.push(codeBlock(events, i));
      }
      i++;
    } else {
      i++;
    }
  }
  return i + 1;
}

function readTable(
  events: TokenEvents,
  start: number,
  sourceLines: SourceLines,
): { table: Table; next: number } {
  const { kinds, lines, texts } = events;
  const table: Table = { header: [], rows: [], line: lines[start] };
  let i = start + 1;
  let inHead = false;
  let row: TableRow | undefined;
  while (i < events.length && kinds[i] !== EventKind.TableClose) {
    switch (kinds[i]) {
      case EventKind.TheadOpen:
        inHead = true;
        break;
      case EventKind.TheadClose:
        inHead = false;
        break;
      case EventKind.TrOpen:
        if (!inHead) {
          const line = lines[i];
          row = {
            cells: [],
            sourceCells: splitTableRow(sourceLines.get(line)),
            line,
          };
          table.rows.push(row);
        }
        break;
      case EventKind.Cell: {
        const text = unescapeCell(texts[i].trim());
        if (inHead) table.header.push(text);
        else row?.cells.push(text);
        break;
      }
      default:
        break;
    }
    i++;
  }
  return { table, next: i + 1 };
}

/** Nests blocks under their headings. Blocks before the first heading go to the root. */
export function buildSections(blocks: Block[]): SectionNode {
  const root: SectionNode = {
    level: 0,
    title: '',
    line: 1,
    blocks: [],
    children: [],
  };
  const stack: SectionNode[] = [root];
  for (const block of blocks) {
    if (block.type === 'heading') {
      while (stack.length > 1 && stack[stack.length - 1].level >= block.level) {
        stack.pop();
      }
      const node: SectionNode = {
        level: block.level,
        title: block.text,
        line: block.line,
        blocks: [],
        children: [],
      };
      stack[stack.length - 1].children.push(node);
      stack.push(node);
    } else {
      stack[stack.length - 1].blocks.push(block);
    }
  }
  return root;
}
