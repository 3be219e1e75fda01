import { SectionNode } from '../blocks';
import { findChild, firstTable, ParseContext, readTableRows } from '../context';
import { cleanText, findPlaceholder, unescapeBrackets } from '../text';
import { fieldKey, riskKey } from '../findingKeys';
import { riskScore } from '../riskScore';
import { ContingencyPlan, Level, PlanRisk } from '../types';
import { topItems } from './lists';

const LEVELS: Record<string, Level> = {
  low: 'low',
  l: 'low',
  lo: 'low',
  medium: 'medium',
  med: 'medium',
  m: 'medium',
  moderate: 'medium',
  high: 'high',
  h: 'high',
  hi: 'high',
};

/** The subject of a finding about one cell of a risk's row: the risk, then the cell. */
function riskCellKey(risk: string, what: string, text: string): string {
  return `${riskKey({ risk })}:${fieldKey(what, text)}`;
}

function parseLevel(
  ctx: ParseContext,
  raw: string,
  line: number,
  what: string,
  risk: string,
): Level | undefined {
  const text = cleanText(raw);
  if (!text) return undefined;
  if (findPlaceholder(text) !== undefined) {
    ctx.placeholder(text, line, what, riskCellKey(risk, what, text));
    return undefined;
  }
  const level = LEVELS[text.toLocaleLowerCase('en-US')];
  if (!level) {
    ctx.report(
      'warning',
      'unknown-risk-level',
      `${what} '${text}' is not Low, Medium or High`,
      line,
      riskCellKey(risk, what, text),
    );
  }
  return level;
}

export function readRisks(
  ctx: ParseContext,
  node: SectionNode | undefined,
): { risks: PlanRisk[]; contingencies: ContingencyPlan[] } {
  const risks: PlanRisk[] = [];
  const table =
    firstTable(findChild(node, /identified|risks?$/)) ?? firstTable(node);
  if (table) {
    const rows = readTableRows(
      ctx,
      table,
      [
        { key: 'risk', header: /^risk/ },
        { key: 'probability', header: /probab|likelihood/ },
        { key: 'impact', header: /impact|severity/ },
        { key: 'mitigation', header: /mitigat/ },
      ],
      'Identified Risks',
    );
    for (const row of rows) {
      const name = cleanText(row.cells.risk);
      if (!name || ctx.placeholder(name, row.line, 'Risk')) continue;
      const risk: PlanRisk = { risk: unescapeBrackets(name), line: row.line };
      // A cell's findings name their risk, so that the same placeholder in another
      // risk's row, inserted above, leaves their keys alone.
      const probability = parseLevel(
        ctx,
        row.cells.probability,
        row.line,
        'Probability',
        risk.risk,
      );
      if (probability) risk.probability = probability;
      const impact = parseLevel(
        ctx,
        row.cells.impact,
        row.line,
        'Impact',
        risk.risk,
      );
      if (impact) risk.impact = impact;
      const mitigationText = cleanText(row.cells.mitigation ?? '');
      const mitigation = ctx.value(
        row.cells.mitigation,
        row.line,
        'Mitigation',
        riskCellKey(risk.risk, 'Mitigation', mitigationText),
      );
      if (mitigation) risk.mitigation = mitigation;
      const score = riskScore(probability, impact);
      if (score !== undefined) risk.score = score;
      risks.push(risk);
    }
  }

  const contingencies: ContingencyPlan[] = [];
  for (const item of topItems(findChild(node, /contingenc/))) {
    const trigger = cleanText(item.text).replace(/:\s*$/, '');
    ctx.placeholder(trigger, item.line, 'Contingency trigger');
    contingencies.push({
      trigger: unescapeBrackets(trigger),
      actions: item.children.map(child =>
        ctx.text(child.text, child.line, 'Contingency action'),
      ),
    });
  }
  return { risks, contingencies };
}
