import { SectionNode } from '../blocks';
import { findChild, firstTable, ParseContext, readTableRows } from '../context';
import { compareTarget } from '../targets';
import { cleanText, unescapeBrackets } from '../text';
import { Criterion } from '../types';

function readCriteria(
  ctx: ParseContext,
  node: SectionNode | undefined,
  what: string,
): Criterion[] {
  const table = firstTable(node);
  if (!table) return [];
  return readTableRows(
    ctx,
    table,
    [
      { key: 'criteria', header: /criteri/ },
      { key: 'measurement', header: /measure/ },
      { key: 'target', header: /target/ },
      // 7.1 names the column Actual, 7.2 names it Status: either holds the actual.
      { key: 'actual', header: /actual|status|result/ },
    ],
    what,
  ).flatMap(row => {
    const criteria = cleanText(row.cells.criteria);
    if (!criteria || ctx.placeholder(criteria, row.line, `${what} criterion`)) {
      return [];
    }
    const criterion: Criterion = {
      criteria: unescapeBrackets(criteria),
      result: 'pending',
      line: row.line,
    };
    const measurement = ctx.value(
      row.cells.measurement,
      row.line,
      `${what} measurement`,
    );
    if (measurement) criterion.measurement = measurement;
    const target = ctx.value(row.cells.target, row.line, `${what} target`);
    if (target) criterion.target = target;
    const actual = ctx.value(row.cells.actual, row.line, `${what} actual`);
    if (actual) criterion.actual = actual;
    criterion.result = compareTarget(target, actual);
    return [criterion];
  });
}

export function readValidation(
  ctx: ParseContext,
  node: SectionNode | undefined,
): { technical: Criterion[]; business: Criterion[] } {
  return {
    technical: readCriteria(
      ctx,
      findChild(node, /technical/),
      'Technical Validation',
    ),
    business: readCriteria(
      ctx,
      findChild(node, /business/),
      'Business Validation',
    ),
  };
}
