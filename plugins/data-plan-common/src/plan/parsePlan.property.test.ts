import fc from 'fast-check';
import { fixture, samplePlan } from './__testUtils__';
import { damagedPlanArbitrary } from './__testUtils__/damagedPlanArbitrary';
import { evaluatePlan } from './evaluatePlan';
import { parsePlan } from './parsePlan';

const base = [fixture('seed-template'), samplePlan('sales-orders')];

/** A plan text with random damage: lines dropped, duplicated, swapped, cut or spliced with noise. */
const mutatedPlan = damagedPlanArbitrary(base);

/**
 * What is wrong with a parse as a whole: diagnostics from the catch-all, lines outside the
 * text, diagnostics without a rule or message. Empty when the parse is sound.
 */
function problems(text: string): unknown[] {
  const plan = parsePlan(text);
  const all = [...plan.diagnostics, ...evaluatePlan(plan).findings];
  const lineCount = text.split(/\r\n?|\n/).length;
  return all.filter(
    d =>
      d.rule === 'parser-failure' ||
      !d.rule ||
      !d.message ||
      (d.line !== undefined &&
        (!Number.isInteger(d.line) || d.line < 1 || d.line > lineCount)),
  );
}

describe('parsePlan reads every text to the end', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), text => {
        expect(problems(text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on text made of Markdown structure', () => {
    const piece = fc.constantFrom(
      '\n',
      ' ',
      '  ',
      '\t',
      '-',
      '*',
      '+',
      '>',
      '|',
      '`',
      '```',
      '~~~',
      '#',
      '## ',
      '### ',
      '1.',
      '1)',
      '[',
      ']',
      '{',
      '}',
      '\\',
      ':',
      '---',
      'Object:',
      'File:',
      'Dependencies:',
      'Step 1.1:',
      'Phase 1:',
      '## Metadata',
      '## 3. IMPLEMENTATION STEPS',
      '| **Status** |',
      'A',
      'x',
      'é',
      '日本',
      '🙂',
      '\r',
      '\u2028',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 200 }).map(parts => parts.join('')),
        text => {
          expect(problems(text)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on damaged plans, and every line it names exists', () => {
    fc.assert(
      fc.property(mutatedPlan, text => {
        expect(problems(text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on inputs that are not strings: an empty plan with a not-text error', () => {
    const hostile = Object.create(null);
    const throwing = {
      toString() {
        throw new Error('no text');
      },
    };
    for (const input of [
      undefined,
      null,
      42,
      {},
      [],
      hostile,
      throwing,
      Symbol('x'),
      Buffer.from('## Metadata'),
    ]) {
      const plan = parsePlan(input);
      expect(plan.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'error',
          rule: 'not-text',
          line: 1,
        }),
      ]);
      expect(plan.objects).toEqual([]);
      expect(evaluatePlan(plan).summary.counts.error).toBe(1);
    }
  });

  it('on deeply nested lists and very long lines', () => {
    const nested = Array.from(
      { length: 500 },
      (_, i) => `${'  '.repeat(i)}- item ${i}`,
    ).join('\n');
    const contingencies = `## 9. RISK MANAGEMENT\n### 9.2 Contingency Plans\n${nested}`;
    expect(problems(contingencies)).toEqual([]);
    expect(parsePlan(contingencies).contingencies[0].trigger).toBe('item 0');
    const long = `## Metadata\n| Field | Value |\n|--|--|\n| **Status** | ${'x'.repeat(
      200_000,
    )} |`;
    expect(problems(long)).toEqual([]);
    expect(parsePlan(long).diagnostics.map(d => d.rule)).toContain(
      'unknown-status',
    );
  });
});
