import fc from 'fast-check';
import { fixture, samplePlan } from './__testUtils__';
import { evaluatePlan } from './evaluatePlan';
import { parsePlan } from './parsePlan';

const base = [fixture('seed-template'), samplePlan('sales-orders')];

/** A plan text with random damage: lines dropped, duplicated, swapped, cut or spliced with noise. */
const mutatedPlan = fc
  .tuple(
    fc.constantFrom(...base),
    fc.array(
      fc.tuple(
        fc.constantFrom('drop', 'duplicate', 'swap', 'cut', 'insert', 'pipes'),
        fc.nat(),
        fc.nat(),
        fc.string({ unit: 'binary', maxLength: 20 }),
      ),
      { minLength: 1, maxLength: 12 },
    ),
  )
  .map(([text, edits]) => {
    const lines = text.split('\n');
    for (const [op, a, b, noise] of edits) {
      const i = a % lines.length;
      const j = b % lines.length;
      if (op === 'drop') lines.splice(i, 1);
      else if (op === 'duplicate') lines.splice(i, 0, lines[i]);
      else if (op === 'swap') [lines[i], lines[j]] = [lines[j], lines[i]];
      else if (op === 'cut')
        lines[i] = lines[i].slice(0, b % (lines[i].length + 1));
      else if (op === 'insert') lines.splice(i, 0, noise);
      else lines[i] = `${lines[i]} | ${noise} |`;
      if (lines.length === 0) lines.push('');
    }
    return lines.join(edits.length % 2 === 0 ? '\r\n' : '\n');
  });

describe('parsePlan never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), text => {
        const plan = parsePlan(text);
        const { findings } = evaluatePlan(plan);
        const all = [...plan.diagnostics, ...findings];
        expect(all.every(d => typeof d.rule === 'string' && d.message)).toBe(
          true,
        );
        expect(all.every(d => d.line === undefined || d.line >= 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on damaged plans, and every line it names exists', () => {
    fc.assert(
      fc.property(mutatedPlan, text => {
        const plan = parsePlan(text);
        const lineCount = text.split(/\r\n?|\n/).length;
        const lines = [...plan.diagnostics, ...evaluatePlan(plan).findings]
          .map(d => d.line)
          .filter((line): line is number => line !== undefined);
        expect(lines.filter(line => line < 1 || line > lineCount)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on inputs that are not strings', () => {
    for (const input of [undefined, null, 42, {}, Buffer.from('# x')]) {
      expect(() => parsePlan(input as unknown as string)).not.toThrow();
    }
  });

  it('on deeply nested lists and very long lines', () => {
    const nested = Array.from(
      { length: 500 },
      (_, i) => `${'  '.repeat(i)}- item ${i}`,
    ).join('\n');
    expect(
      parsePlan(`## 9. RISK MANAGEMENT\n### 9.2 Contingency Plans\n${nested}`)
        .diagnostics,
    ).toBeDefined();
    const long = `## Metadata\n| Field | Value |\n|--|--|\n| **Status** | ${'x'.repeat(
      200_000,
    )} |`;
    expect(parsePlan(long).diagnostics.map(d => d.rule)).toContain(
      'unknown-status',
    );
  });
});
