/**
 * bench/parse/golden: the parsed model of every plan input the suites and the bench use,
 * as a SHA-256 of its stable JSON (keys sorted), so that a change meant only to make the
 * parser faster can show that it changed nothing it returns.
 *
 *   yarn bench:parse:golden            compare with bench/parse/golden.json
 *   yarn bench:parse:golden --write    record the current model as the expected one
 *
 * The inputs: the plan fixtures and the example plans, the hostile cases (each variant) at
 * two sizes, generated plans (LF and CRLF), and seeded samples of the property tests'
 * shapes (damaged fixtures, rendered drafts, arbitrary text). Each is read with `readPlan`,
 * so the evaluation is covered too.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { readPlan, renderPlan } from '@dataplan/plugin-data-plan-common';
import { fixture, HOSTILE_CASES } from '@internal/plan-fixtures';
import { damagedPlanArbitrary } from '../../plugins/data-plan-common/src/plan/__testUtils__/damagedPlanArbitrary';
import { draftArbitrary } from '../../plugins/data-plan-common/src/plan/__testUtils__/draftArbitrary';
import { generatePlan } from './generatePlan';

const EXPECTED = resolve(__dirname, 'golden.json');
const SEED = 2026;

function examplePlan(name: string): string {
  return readFileSync(
    resolve(__dirname, '../../examples/data-projects', name, 'PLAN.md'),
    'utf8',
  );
}

function inputs(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const documents: Array<[string, string]> = [
    ['fixture seed-template', fixture('seed-template')],
    ['fixture complete-plan', fixture('complete-plan')],
    ...['sales-orders', 'customer-360', 'inventory-forecast'].map(
      name => [`example ${name}`, examplePlan(name)] as [string, string],
    ),
  ];
  out.push(...documents);
  for (const size of [2_000, 30_000]) {
    for (const hostile of HOSTILE_CASES) {
      const texts = [hostile.build(size), ...(hostile.variants?.(size) ?? [])];
      texts.forEach((text, i) =>
        out.push([`hostile ${hostile.name} #${i} (${size})`, text]),
      );
    }
  }
  for (const objects of [1, 7, 50, 300, 1_000, 10_000]) {
    for (const crlf of [false, true]) {
      out.push([
        `generated ${objects}${crlf ? ' crlf' : ''}`,
        generatePlan({ objects, crlf, seed: SEED }),
      ]);
    }
  }
  const base = documents.map(([, text]) => text);
  fc.sample(damagedPlanArbitrary(base), { seed: SEED, numRuns: 150 }).forEach(
    (text, i) => out.push([`damaged #${i}`, text]),
  );
  fc.sample(draftArbitrary, { seed: SEED, numRuns: 100 }).forEach((draft, i) =>
    out.push([`rendered draft #${i}`, renderPlan(draft)]),
  );
  fc.sample(fc.string({ unit: 'binary', maxLength: 2000 }), {
    seed: SEED,
    numRuns: 30,
  }).forEach((text, i) => out.push([`arbitrary text #${i}`, text]));
  return out;
}

/** JSON with object keys sorted; undefined fields left out as JSON leaves them out. */
function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value instanceof Map) return stable(Object.fromEntries(value));
  if (value instanceof Set) return stable([...value]);
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .filter(key => record[key] !== undefined)
    .sort()
    .map(key => `${JSON.stringify(key)}:${stable(record[key])}`);
  return `{${fields.join(',')}}`;
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const actual: Record<string, string> = {};
for (const [name, text] of inputs()) {
  if (name in actual) throw new Error(`two inputs named ${name}`);
  actual[name] = sha(stable(readPlan(text)));
}
const total = sha(stable(actual));
const count = Object.keys(actual).length;

if (process.argv.includes('--write')) {
  writeFileSync(
    EXPECTED,
    `${JSON.stringify({ total, inputs: actual }, null, 2)}\n`,
  );
  console.log(`recorded ${count} inputs, total ${total}`);
} else {
  const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as {
    total: string;
    inputs: Record<string, string>;
  };
  const changed = Object.keys({ ...expected.inputs, ...actual }).filter(
    name => expected.inputs[name] !== actual[name],
  );
  for (const name of changed) console.log(`changed: ${name}`);
  console.log(
    `${count} inputs, total ${total}: ${
      changed.length ? `${changed.length} CHANGED` : 'identical'
    }`,
  );
  if (changed.length) process.exitCode = 1;
}
