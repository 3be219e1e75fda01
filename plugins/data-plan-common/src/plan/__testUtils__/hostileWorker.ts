import { parentPort } from 'node:worker_threads';
import { evaluatePlan } from '../evaluatePlan';
import { parsePlan } from '../parsePlan';
import { HOSTILE_CASES } from '@internal/plan-fixtures';

/** What a hostile test checks of one parse, small enough to post back. */
export interface HostileSummary {
  length: number;
  lineCount: number;
  rules: Record<string, number>;
  /** Lines of diagnostics and findings outside 1…lineCount. */
  outOfRange: number[];
  messageChars: number;
  objects: number;
  dependencies: number;
  layers: number;
  deployOrder: number;
  cycleSizes: number[];
}

function summarize(text: string): HostileSummary {
  const plan = parsePlan(text);
  const evaluation = evaluatePlan(plan);
  const lineCount = text.split(/\r\n?|\n/).length;
  const all = [...plan.diagnostics, ...evaluation.findings];
  const rules: Record<string, number> = {};
  const outOfRange: number[] = [];
  let messageChars = 0;
  for (const d of all) {
    rules[d.rule] = (rules[d.rule] ?? 0) + 1;
    if (d.line !== undefined && (d.line < 1 || d.line > lineCount)) {
      outOfRange.push(d.line);
    }
    messageChars += d.message.length;
  }
  return {
    length: text.length,
    lineCount,
    rules,
    outOfRange,
    messageChars,
    objects: plan.objects.length,
    dependencies: plan.objects.reduce((n, o) => n + o.dependencies.length, 0),
    layers: plan.layers.length,
    deployOrder: evaluation.deployOrder.length,
    cycleSizes: evaluation.cycles.map(c => c.length),
  };
}

// Parses the documents of one hostile case per message, off the test's thread, so that a
// test can time out while a slow parse is still running. Posts one summary per document:
// the case's own first, then its variants.
parentPort?.on('message', ({ name, size }: { name: string; size: number }) => {
  const hostile = HOSTILE_CASES.find(c => c.name === name);
  if (!hostile) throw new Error(`no hostile case ${name}`);
  const texts = [hostile.build(size), ...(hostile.variants?.(size) ?? [])];
  parentPort?.postMessage(texts.map(summarize));
});
