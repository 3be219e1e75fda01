/**
 * bench/parse: readPlan (parsePlan + evaluatePlan, as the backend's parse worker and the CLI
 * read a plan) against the bare tokenisation that parsePlan itself performs (markdown-it
 * with GFM tables), on generated plans of 1,000 and 10,000 objects;
 * then hostile 1 MB documents against a normal 1 MB plan.
 *
 *   yarn bench:parse            (RUNS=20, HOSTILE_RUNS=5 by default)
 *   SECTIONS=hostile yarn bench:parse   (the hostile documents only)
 *   SECTIONS=objects yarn bench:parse   (the generated plans only)
 */
import {
  parsePlan,
  readPlan,
  tokenizePlan,
} from '@dataplan/plugin-data-plan-common';
import { HOSTILE_CASES, normalPlan } from '@internal/plan-fixtures';
import { generatePlan } from './generatePlan';

const RUNS = Number(process.env.RUNS ?? 20);
const WARMUP = 10;
const HOSTILE_RUNS = Number(process.env.HOSTILE_RUNS ?? 5);
const HOSTILE_SIZE = 1_000_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs baseline and candidate alternately, each after a full GC, so that both see the same
 * JIT state, heap and machine load. Returns the median wall time of each, the median of the
 * ratios of each pair (a pair shares its moment's load on a shared machine, so this ratio
 * drifts less than the ratio of the medians), and the same ratio of CPU time (the process's,
 * GC threads included), which a busy machine's waiting for a core leaves out.
 */
function measurePair(baseline: () => unknown, candidate: () => unknown) {
  for (let i = 0; i < WARMUP; i++) {
    baseline();
    candidate();
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  const timed = (fn: () => unknown) => {
    gc?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    fn();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / 1000 };
  };
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const base = timed(baseline);
    const cand = timed(candidate);
    a.push(base.wall);
    b.push(cand.wall);
    ratios.push(cand.wall / base.wall);
    cpuRatios.push(cand.cpu / base.cpu);
  }
  return {
    baseline: median(a),
    candidate: median(b),
    ratio: median(ratios),
    cpuRatio: median(cpuRatios),
  };
}

function row(label: string, objects: number, crlf: boolean) {
  const text = generatePlan({ objects, crlf, seed: 2026 });
  const { plan, evaluation } = readPlan(text);
  if (
    plan.objects.length !== objects ||
    evaluation.deployOrder.length !== objects
  ) {
    throw new Error(
      `generator produced ${plan.objects.length} objects, expected ${objects}`,
    );
  }
  const errors = plan.diagnostics.filter(d => d.severity === 'error');
  if (errors.length)
    throw new Error(`generated plan has errors: ${errors[0].message}`);
  const {
    baseline: tokenize,
    candidate: full,
    ratio,
    cpuRatio,
  } = measurePair(
    () => tokenizePlan(text),
    () => readPlan(text),
  );
  console.log(
    `${label.padEnd(22)} ${String(objects).padStart(6)} ${(text.length / 1024)
      .toFixed(0)
      .padStart(7)} KB ` +
      `${tokenize.toFixed(1).padStart(10)} ms ${full
        .toFixed(1)
        .padStart(12)} ms ${ratio.toFixed(2).padStart(7)} ${cpuRatio
        .toFixed(2)
        .padStart(7)}`,
  );
  return { tokenize, full, ratio };
}

console.log(
  `bench/parse — median of ${RUNS} warm runs each, baseline and candidate alternating, a full GC before each (after ${WARMUP} warm-up), node ${process.version}; ratio = median of the pairs' wall-time ratios, cpu = the same of CPU time`,
);
if (process.env.SECTIONS !== 'hostile') objectsSection();

function objectsSection() {
  console.log(
    `${'variant'.padEnd(22)} ${'objects'.padStart(6)} ${'size'.padStart(
      10,
    )} ${'tokenise'.padStart(13)} ${'parse+eval'.padStart(
      15,
    )} ${'ratio'.padStart(7)} ${'cpu'.padStart(7)}`,
  );
  const small = row('LF, tab-padded tables', 1_000, false);
  const smallCrlf = row('CRLF', 1_000, true);
  const large = row('LF, tab-padded tables', 10_000, false);
  const largeCrlf = row('CRLF', 10_000, true);

  const worstRatio = Math.max(
    small.ratio,
    smallCrlf.ratio,
    large.ratio,
    largeCrlf.ratio,
  );
  const scaling = large.full / small.full;
  console.log('');
  console.log(
    `goal ratio <= 1.5:                 ${worstRatio.toFixed(
      2,
    )} (worst variant)  ${worstRatio <= 1.5 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `goal 1,000 objects <= 150 ms:      ${small.full.toFixed(1)} ms  ${
      small.full <= 150 ? 'met' : 'MISSED'
    }`,
  );
  console.log(
    `goal 10,000 within 12x of 1,000:   ${scaling.toFixed(1)}x  ${
      scaling <= 12 ? 'met' : 'MISSED'
    }`,
  );
}

/** One timed parse + evaluate, in ms. */
function parseOnce(text: string): number {
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  readPlan(text);
  return performance.now() - start;
}

/**
 * Parse + evaluate of `text` and of the normal plan, alternating so that both see the same
 * machine load: the median of each over `HOSTILE_RUNS` runs, after one warm-up each.
 */
function pairedTime(text: string, normalText: string) {
  parseOnce(normalText);
  parseOnce(text);
  const normal: number[] = [];
  const hostile: number[] = [];
  for (let i = 0; i < HOSTILE_RUNS; i++) {
    normal.push(parseOnce(normalText));
    hostile.push(parseOnce(text));
  }
  return { normal: median(normal), hostile: median(hostile) };
}

function hostileSection() {
  console.log('');
  console.log(
    `hostile documents — parse+eval median of ${HOSTILE_RUNS} runs each, alternating with a normal 1 MB plan (complete-plan.md with its objects, risks and steps repeated); ratio = hostile / normal of the same runs`,
  );
  console.log(
    'a case with variants (its run at each place in turn) shows its slowest variant',
  );
  const normalText = normalPlan(HOSTILE_SIZE);
  const normalPlanned = parsePlan(normalText);
  const normalErrors = normalPlanned.diagnostics.filter(
    d => d.severity === 'error',
  );
  if (normalErrors.length) {
    throw new Error(`normal plan has errors: ${normalErrors[0].message}`);
  }
  console.log(
    `${'case'.padEnd(40)} ${'size'.padStart(9)} ${'median'.padStart(
      10,
    )} ${'normal'.padStart(10)} ${'ratio'.padStart(7)}`,
  );
  console.log(
    `${`normal (${normalPlanned.objects.length} objects)`.padEnd(40)} ${(
      normalText.length / 1024
    )
      .toFixed(0)
      .padStart(6)} KB`,
  );
  let worst = { name: '', ratio: 0 };
  let slowest = 0;
  for (const hostile of HOSTILE_CASES) {
    // Of the variants, the slowest in one warm run is measured.
    let text = hostile.build(HOSTILE_SIZE);
    let longest = -1;
    for (const variant of [text, ...(hostile.variants?.(HOSTILE_SIZE) ?? [])]) {
      parseOnce(variant);
      const time = parseOnce(variant);
      if (time > longest) {
        longest = time;
        text = variant;
      }
    }
    const { normal, hostile: ms } = pairedTime(text, normalText);
    const ratio = ms / normal;
    console.log(
      `${hostile.name.padEnd(40)} ${(text.length / 1024)
        .toFixed(0)
        .padStart(6)} KB ${ms.toFixed(1).padStart(7)} ms ${normal
        .toFixed(1)
        .padStart(7)} ms ${ratio.toFixed(2).padStart(7)}`,
    );
    slowest = Math.max(slowest, ms);
    if (ratio > worst.ratio) worst = { name: hostile.name, ratio };
  }
  console.log('');
  console.log(
    `goal hostile ratio <= 3:           ${worst.ratio.toFixed(2)} (${
      worst.name
    })  ${worst.ratio <= 3 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `goal every hostile case < 1 s:     ${slowest.toFixed(1)} ms (slowest)  ${
      slowest < 1000 ? 'met' : 'MISSED'
    }`,
  );
}

if (process.env.SECTIONS !== 'objects') hostileSection();
