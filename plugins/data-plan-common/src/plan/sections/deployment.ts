import { SectionNode } from '../blocks';
import { fieldKey } from '../findingKeys';
import { findChild, firstTable, ParseContext, readTableRows } from '../context';
import { cleanText, firstCodeSpan, splitKeyValue } from '../text';
import { DeploymentStep, MigrationScript } from '../types';
import { flatItems } from './lists';

export function readDeployment(
  ctx: ParseContext,
  node: SectionNode | undefined,
): { sequence: DeploymentStep[]; scripts: MigrationScript[] } {
  const sequence: DeploymentStep[] = [];
  const table = firstTable(findChild(node, /sequence/));
  if (table) {
    const rows = readTableRows(
      ctx,
      table,
      [
        { key: 'order', header: /order|#/ },
        { key: 'objectType', header: /object|type/ },
        { key: 'layer', header: /layer/ },
        { key: 'validationStep', header: /validation|check/ },
      ],
      'Deployment Sequence',
    );
    for (const row of rows) {
      const orderText = cleanText(row.cells.order);
      const order = Number(orderText);
      if (!/^\d+$/.test(orderText)) {
        ctx.report(
          'warning',
          'invalid-deployment-order',
          `Deployment Sequence: order '${orderText}' is not a whole number`,
          row.line,
          fieldKey('Deployment order', orderText),
        );
        continue;
      }
      sequence.push({
        order,
        objectType: ctx.text(
          row.cells.objectType,
          row.line,
          'Deployment object type',
        ),
        layer: ctx.text(row.cells.layer, row.line, 'Deployment layer'),
        validationStep: ctx.text(
          row.cells.validationStep,
          row.line,
          'Deployment validation step',
        ),
      });
    }
  }

  const scripts: MigrationScript[] = [];
  let current: MigrationScript | undefined;
  for (const item of flatItems(findChild(node, /migration|script/))) {
    const pair = splitKeyValue(item.text);
    if (!pair) continue;
    if (pair.key === 'script') {
      const script = firstCodeSpan(pair.value);
      ctx.placeholder(script, item.line, 'Migration script');
      current = { script };
      scripts.push(current);
    } else if (current && pair.key === 'purpose') {
      const purpose = ctx.value(pair.value, item.line, 'Migration purpose');
      if (purpose) current.purpose = purpose;
    } else if (current && pair.key === 'validation') {
      const validation = firstCodeSpan(pair.value);
      if (
        validation &&
        !ctx.placeholder(validation, item.line, 'Migration validation')
      ) {
        current.validation = validation;
      }
    }
  }
  return { sequence, scripts };
}
