import { PlanToken } from './tokenize';

/** The kinds of token the block reader reads; every other token is left out. */
export const EventKind = {
  Heading: 1,
  Paragraph: 2,
  BulletListOpen: 3,
  BulletListClose: 4,
  OrderedListOpen: 5,
  OrderedListClose: 6,
  ListItemOpen: 7,
  Fence: 8,
  CodeBlock: 9,
  TableOpen: 10,
  TableClose: 11,
  TheadOpen: 12,
  TheadClose: 13,
  TrOpen: 14,
  /** The text of a table cell (the only inline tokens left once headings and paragraphs take theirs). */
  Cell: 15,
} as const;

/**
 * markdown-it's tokens reduced to what the block reader needs, in one pass: per event its
 * kind, 1-based line, a number (a heading's level, a fence's info as an index into `infos`)
 * and its text (a heading's or paragraph's inline content, a cell's, a code block's).
 * A large plan's tokens fill the heap; read into this record they can be dropped before a
 * single block is built, so that building does not keep them alive through full GCs.
 */
export interface TokenEvents {
  readonly length: number;
  readonly kinds: Uint8Array;
  readonly lines: Int32Array;
  readonly numbers: Int32Array;
  readonly texts: string[];
  readonly infos: string[];
}

/** The event kind of a token type; 0 for a token the block reader skips. */
function kindOf(type: string): number {
  // A switch on literals: each case compares interned strings.
  switch (type) {
    case 'heading_open':
      return EventKind.Heading;
    case 'paragraph_open':
      return EventKind.Paragraph;
    case 'bullet_list_open':
      return EventKind.BulletListOpen;
    case 'bullet_list_close':
      return EventKind.BulletListClose;
    case 'ordered_list_open':
      return EventKind.OrderedListOpen;
    case 'ordered_list_close':
      return EventKind.OrderedListClose;
    case 'list_item_open':
      return EventKind.ListItemOpen;
    case 'fence':
      return EventKind.Fence;
    case 'code_block':
      return EventKind.CodeBlock;
    case 'table_open':
      return EventKind.TableOpen;
    case 'table_close':
      return EventKind.TableClose;
    case 'thead_open':
      return EventKind.TheadOpen;
    case 'thead_close':
      return EventKind.TheadClose;
    case 'tr_open':
      return EventKind.TrOpen;
    case 'inline':
      return EventKind.Cell;
    default:
      return 0;
  }
}

/**
 * Reads the tokens into events. A heading or paragraph takes the inline token after it and
 * its closing token (markdown-it always writes the three together) as one event.
 */
export function scanTokens(tokens: PlanToken[]): TokenEvents {
  const count = tokens.length;
  const kinds = new Uint8Array(count);
  const lines = new Int32Array(count);
  const numbers = new Int32Array(count);
  // Sized once to the most it can need (at most one event per token), then cut to the
  // events: pushing would copy the list as it grew.
  const texts = new Array<string>(count);
  const infos: string[] = [];
  let length = 0;
  let i = 0;
  while (i < count) {
    const token = tokens[i];
    const kind = kindOf(token.type);
    if (kind === 0) {
      i++;
      continue;
    }
    kinds[length] = kind;
    lines[length] = (token.map?.[0] ?? 0) + 1;
    if (kind === EventKind.Heading || kind === EventKind.Paragraph) {
      texts[length] = tokens[i + 1]?.content ?? '';
      if (kind === EventKind.Heading) numbers[length] = headingLevel(token);
      i += 3;
    } else {
      if (kind === EventKind.Fence) {
        numbers[length] = infos.length;
        infos.push(token.info ?? '');
      }
      texts[length] =
        kind === EventKind.Cell ||
        kind === EventKind.Fence ||
        kind === EventKind.CodeBlock
          ? token.content
          : '';
      i++;
    }
    length++;
  }
  texts.length = length;
  return { length, kinds, lines, numbers, texts, infos };
}

/** `h1` … `h6`. */
function headingLevel(token: PlanToken): number {
  return token.tag.charCodeAt(1) - 0x30 /* 0 */;
}
