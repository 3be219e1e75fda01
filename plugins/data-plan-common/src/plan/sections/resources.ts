import { SectionNode } from '../blocks';
import { findChild, firstTable, ParseContext, readTableRows } from '../context';
import { cleanText, splitKeyValue } from '../text';
import { ContextManagement, SnowflakeResource } from '../types';
import { listTexts } from './lists';

export function readResources(
  ctx: ParseContext,
  node: SectionNode | undefined,
): { resources: SnowflakeResource[]; contextManagement: ContextManagement } {
  const resources: SnowflakeResource[] = [];
  const table = firstTable(findChild(node, /snowflake|resource/));
  if (table) {
    const rows = readTableRows(
      ctx,
      table,
      [
        { key: 'resource', header: /resource/ },
        { key: 'size', header: /size/ },
        { key: 'duration', header: /duration/ },
        { key: 'purpose', header: /purpose/ },
      ],
      'Snowflake Resources',
    );
    for (const row of rows) {
      const resource: SnowflakeResource = {
        resource: ctx.text(row.cells.resource, row.line, 'Resource'),
      };
      const size = ctx.value(row.cells.size, row.line, 'Resource size');
      if (size) resource.size = size;
      const duration = ctx.value(
        row.cells.duration,
        row.line,
        'Resource duration',
      );
      if (duration) resource.duration = duration;
      const purpose = ctx.value(
        row.cells.purpose,
        row.line,
        'Resource purpose',
      );
      if (purpose) resource.purpose = purpose;
      resources.push(resource);
    }
  }

  const contextNode = findChild(node, /context/);
  const contextManagement: ContextManagement = {
    strategy: listTexts(ctx, contextNode, 'Context strategy'),
  };
  for (const block of contextNode?.blocks ?? []) {
    if (block.type !== 'paragraph') continue;
    block.text.split('\n').forEach((line, index) => {
      const pair = splitKeyValue(line);
      if (pair && /maximum|max/.test(pair.key) && pair.value) {
        const usage = ctx.value(
          pair.value,
          block.line + index,
          'Maximum Context Usage',
        );
        if (usage) contextManagement.maxContextUsage = cleanText(usage);
      }
    });
  }
  return { resources, contextManagement };
}
