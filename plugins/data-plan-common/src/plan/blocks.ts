import { PlanToken } from './tokenize';
import { SourceLines } from './sourceLines';
import { splitTableRow } from './tableRow';
import { unescapeCell, unescapeHeadingEnd, unescapeLineStart } from './text';

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

function lineOf(token: PlanToken): number {
  return (token.map?.[0] ?? 0) + 1;
}

/** The token's text on one line: each line break and the whitespace around it become one space. */
function inlineText(token: PlanToken | undefined): string {
  const content = token?.content ?? '';
  if (!content.includes('\n')) return content.trim();
  // Line by line rather than `/\s*\n\s*/g`, which backtracks over long runs of spaces.
  const parts: string[] = [];
  for (const part of content.split('\n')) {
    const trimmed = part.trim();
    if (trimmed) parts.push(trimmed);
  }
  return parts.join(' ');
}

function codeBlock(token: PlanToken): CodeBlock {
  const lines = token.content.replace(/\n$/, '').split('\n');
  const fenced = token.type === 'fence';
  return {
    info: (token.info ?? '').trim(),
    lines: lines.length === 1 && lines[0] === '' ? [] : lines,
    line: lineOf(token) + (fenced ? 1 : 0),
  };
}

/**
 * Reads markdown-it's block tokens into a flat list of blocks with 1-based lines. Linear in
 * the number of tokens.
 */
export function readBlocks(
  tokens: PlanToken[],
  sourceLines: SourceLines,
): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    switch (token.type) {
      case 'heading_open':
        blocks.push({
          type: 'heading',
          level: Number(token.tag.slice(1)),
          text: unescapeHeadingEnd(inlineText(tokens[i + 1])),
          line: lineOf(token),
        });
        i += 3;
        break;
      case 'paragraph_open':
        blocks.push({
          type: 'paragraph',
          text: unescapeLineStart(tokens[i + 1]?.content ?? ''),
          line: lineOf(token),
        });
        i += 3;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const read = readList(tokens, i);
        blocks.push({ type: 'list', items: read.items, line: lineOf(token) });
        i = read.next;
        break;
      }
      case 'table_open': {
        const read = readTable(tokens, i, sourceLines);
        blocks.push({ type: 'table', table: read.table, line: lineOf(token) });
        i = read.next;
        break;
      }
      case 'fence':
      case 'code_block':
        blocks.push({
          type: 'code',
          code: codeBlock(token),
          line: lineOf(token),
        });
        i++;
        break;
      default:
        i++;
    }
  }
  return blocks;
}

function readList(
  tokens: PlanToken[],
  start: number,
): { items: ListItem[]; next: number } {
  const items: ListItem[] = [];
  // A literal, not a computed string: it is compared with the type of every token.
  const close =
    tokens[start].type === 'bullet_list_open'
      ? 'bullet_list_close'
      : 'ordered_list_close';
  let i = start + 1;
  let item: ListItem | undefined;
  while (i < tokens.length && tokens[i].type !== close) {
    const token = tokens[i];
    if (token.type === 'list_item_open') {
      item = { text: '', line: lineOf(token), children: NONE, code: NONE };
      items.push(item);
      i++;
    } else if (token.type === 'paragraph_open') {
      if (item && !item.text) {
        item.text = unescapeLineStart(inlineText(tokens[i + 1]));
      }
      i += 3;
    } else if (
      token.type === 'bullet_list_open' ||
      token.type === 'ordered_list_open'
    ) {
      const nested = readList(tokens, i);
      if (item) {
        if (item.children === NONE) item.children = nested.items;
        else for (const child of nested.items) item.children.push(child);
      }
      i = nested.next;
    } else if (token.type === 'fence' || token.type === 'code_block') {
      if (item) {
        if (item.code === NONE) item.code = [];
        item.code.push(codeBlock(token));
      }
      i++;
    } else {
      i++;
    }
  }
  // A copy of its exact size: an array grown by push keeps spare room, and a parsed plan
  // keeps every list it read.
  return { items: items.slice(), next: i + 1 };
}

function readTable(
  tokens: PlanToken[],
  start: number,
  sourceLines: SourceLines,
): { table: Table; next: number } {
  const table: Table = { header: [], rows: [], line: lineOf(tokens[start]) };
  let i = start + 1;
  let inHead = false;
  let row: TableRow | undefined;
  while (i < tokens.length && tokens[i].type !== 'table_close') {
    const token = tokens[i];
    switch (token.type) {
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'tr_open':
        if (!inHead) {
          const line = lineOf(token);
          row = {
            cells: [],
            sourceCells: splitTableRow(sourceLines.get(line)),
            line,
          };
          table.rows.push(row);
        }
        break;
      case 'inline': {
        const text = unescapeCell(token.content.trim());
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
