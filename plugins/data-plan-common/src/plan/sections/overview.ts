import { SectionNode } from '../blocks';
import { findChild, ParseContext } from '../context';
import { PlanOverview } from '../types';
import { listTexts } from './lists';

export function readOverview(
  ctx: ParseContext,
  node: SectionNode | undefined,
): PlanOverview {
  const overview: PlanOverview = { technicalSuccess: [], businessSuccess: [] };
  const summaryNode = findChild(node, /summary/);
  if (summaryNode) {
    const paragraphs = summaryNode.blocks.filter(b => b.type === 'paragraph');
    const text = paragraphs
      .map(b => (b.type === 'paragraph' ? b.text.trim() : ''))
      .join('\n\n');
    const line = paragraphs[0]?.line ?? summaryNode.line;
    const summary = ctx.value(text, line, 'Implementation Summary');
    if (summary) overview.summary = summary;
  }
  const criteria = findChild(node, /success/);
  for (const child of criteria?.children ?? []) {
    const title = child.title.toLocaleLowerCase('en-US');
    const items = listTexts(ctx, child, 'Success criterion');
    if (/tech/.test(title)) overview.technicalSuccess.push(...items);
    else if (/business/.test(title)) overview.businessSuccess.push(...items);
  }
  return overview;
}
