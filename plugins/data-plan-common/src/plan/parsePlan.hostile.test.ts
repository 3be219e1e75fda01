import { Worker } from 'node:worker_threads';
import { HOSTILE_CASES } from '@internal/plan-fixtures';
import type { HostileSummary } from './__testUtils__/hostileWorker';

const SIZE = 1_000_000;

/**
 * Runs parse + evaluate in a worker thread: a parse is synchronous, so only a parse off
 * the test's thread lets jest's timeout end a test whose parse is quadratic (minutes at
 * 1 MB) while a linear one takes well under a second.
 */
class HostileParser {
  #worker: Worker | undefined;
  #busy = false;

  parse(name: string): Promise<HostileSummary[]> {
    if (this.#busy) this.close(); // the last parse never finished
    this.#worker ??= new Worker(
      require.resolve('./__testUtils__/hostileWorker'),
      {
        execArgv: [
          '--require',
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        ],
      },
    );
    const worker = this.#worker;
    this.#busy = true;
    return new Promise((resolve, reject) => {
      worker.once('message', summaries => {
        this.#busy = false;
        resolve(summaries);
      });
      worker.once('error', reject);
      worker.postMessage({ name, size: SIZE });
    });
  }

  close() {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#busy = false;
  }
}

/** What each shape must give beyond the checks every shape gets. */
const EXPECTED: Record<string, (summary: HostileSummary) => void> = {
  'tree line of "-"': s => expect(s.layers).toBe(0),
  'tree line of branches': s =>
    expect(s.rules['invalid-layer-name']).toBeUndefined(),
  'deeply nested list': s => expect(s.objects).toBeGreaterThan(0),
  'row of many cells': s => expect(s.rules['malformed-table-row']).toBe(1),
  'many step headings': s => expect(s.rules['not-a-plan']).toBeUndefined(),
  'dependency list of unknown names': s => {
    expect(s.dependencies).toBeGreaterThan(50_000);
    expect(s.rules['unknown-dependency']).toBe(s.dependencies);
  },
  'dependency list of one name': s => {
    expect(s.dependencies).toBeGreaterThan(100_000);
    expect(s.rules['unknown-dependency']).toBeUndefined();
  },
  'dependency list of defined objects': s => {
    expect(s.objects).toBeGreaterThan(10_000);
    expect(s.deployOrder).toBe(s.objects);
    expect(s.rules['unknown-dependency']).toBeUndefined();
  },
  'objects in a dependency cycle': s => {
    expect(s.objects).toBeGreaterThan(10_000);
    expect(s.cycleSizes).toEqual([s.objects]);
  },
  'objects of one name depending on it': s => {
    expect(s.objects).toBeGreaterThan(10_000);
    expect(s.rules['ambiguous-dependency']).toBe(s.objects);
  },
  'many layers and objects': s => {
    expect(s.layers).toBeGreaterThan(10_000);
    expect(s.rules['unknown-layer']).toBe(s.objects);
  },
};

describe('parsePlan + evaluatePlan on hostile 1 MB documents', () => {
  const parser = new HostileParser();
  afterAll(() => parser.close());

  it.each(HOSTILE_CASES.map(c => c.name))(
    '%s: read to the end, diagnostics in range, messages linear in the input',
    async name => {
      const [summary, ...variants] = await parser.parse(name);
      for (const { length, rules, outOfRange, messageChars } of [
        summary,
        ...variants,
      ]) {
        expect(length).toBeGreaterThanOrEqual(SIZE * 0.9);
        expect(length).toBeLessThanOrEqual(SIZE * 1.2);
        expect(rules['parser-failure']).toBeUndefined();
        expect(outOfRange).toEqual([]);
        // Each diagnostic quotes a bounded part of the input: messages that list all of
        // thousands of names per line would grow with the square of the input.
        expect(messageChars).toBeLessThan(20 * length);
      }
      EXPECTED[name]?.(summary);
    },
    30_000,
  );

  it('has expectations only for shapes that exist', () => {
    const names = new Set(HOSTILE_CASES.map(c => c.name));
    expect(Object.keys(EXPECTED).filter(name => !names.has(name))).toEqual([]);
  });
});
