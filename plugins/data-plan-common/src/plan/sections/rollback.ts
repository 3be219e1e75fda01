import { SectionNode } from '../blocks';
import { findChild, ParseContext } from '../context';
import {
  cleanText,
  firstCodeSpan,
  splitKeyValue,
  unescapeBrackets,
} from '../text';
import { RollbackPlan, RollbackScenario } from '../types';
import { flatItems, listTexts, topItems } from './lists';

export function readRollback(
  ctx: ParseContext,
  node: SectionNode | undefined,
): RollbackPlan {
  const rollback: RollbackPlan = {
    triggers: listTexts(ctx, findChild(node, /trigger/), 'Rollback trigger'),
    scenarios: [],
    backupSteps: [],
  };

  for (const item of topItems(findChild(node, /procedure|scenario/))) {
    const pair = splitKeyValue(item.text);
    const description = cleanText(
      pair && /^scenario/.test(pair.key) ? pair.value : item.text,
    );
    ctx.placeholder(description, item.line, 'Rollback scenario');
    const scenario: RollbackScenario = {
      description: unescapeBrackets(description),
      steps: [],
      commands: [],
    };
    for (const child of item.children) {
      const key = splitKeyValue(child.text)?.key ?? '';
      if (/step/.test(key)) {
        for (const step of child.children) {
          scenario.steps.push(ctx.text(step.text, step.line, 'Rollback step'));
        }
      }
      for (const code of child.code) {
        code.lines.forEach((line, index) => {
          ctx.placeholder(line, code.line + index, 'Rollback command');
          scenario.commands.push(line);
        });
      }
    }
    rollback.scenarios.push(scenario);
  }

  for (const item of flatItems(findChild(node, /backup/))) {
    const pair = splitKeyValue(item.text);
    if (pair && /^(backup\s+)?location$/.test(pair.key)) {
      const location = firstCodeSpan(pair.value);
      if (
        location &&
        !ctx.placeholder(location, item.line, 'Backup Location')
      ) {
        rollback.backupLocation = location;
      }
    } else {
      rollback.backupSteps.push(ctx.text(item.text, item.line, 'Backup step'));
    }
  }
  return rollback;
}
