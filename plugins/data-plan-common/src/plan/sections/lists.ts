import { ListItem, SectionNode } from '../blocks';
import { ParseContext } from '../context';

/** Every list item of a section, nested ones flattened in document order. */
export function flatItems(node: SectionNode | undefined): ListItem[] {
  const items: ListItem[] = [];
  const visit = (list: ListItem[]) => {
    for (const item of list) {
      items.push(item);
      visit(item.children);
    }
  };
  for (const block of node?.blocks ?? []) {
    if (block.type === 'list') visit(block.items);
  }
  return items;
}

/** The top-level list items of a section. */
export function topItems(node: SectionNode | undefined): ListItem[] {
  const items: ListItem[] = [];
  for (const block of node?.blocks ?? []) {
    if (block.type === 'list') items.push(...block.items);
  }
  return items;
}

/** Texts of every list item of a section (flattened), placeholders reported. */
export function listTexts(
  ctx: ParseContext,
  node: SectionNode | undefined,
  what: string,
): string[] {
  return flatItems(node)
    .map(item => ctx.text(item.text, item.line, what))
    .filter(Boolean);
}
