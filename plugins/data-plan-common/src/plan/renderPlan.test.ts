import fc from 'fast-check';
import { draftArbitrary } from './__testUtils__/draftArbitrary';
import { fixture, samplePlan } from './__testUtils__';
import { draftFromPlan } from './draftFromPlan';
import { parsePlan } from './parsePlan';
import { renderPlan } from './renderPlan';
import { PlanDraft } from './types';

describe('renderPlan', () => {
  it('gives back the same draft when parsed (property)', () => {
    fc.assert(
      fc.property(draftArbitrary, draft => {
        expect(draftFromPlan(parsePlan(renderPlan(draft)))).toEqual(draft);
      }),
      { numRuns: 300 },
    );
  });

  it.each(['sales-orders', 'customer-360', 'inventory-forecast'] as const)(
    'rewrites the %s sample to a plan with the same content and no new diagnostics',
    name => {
      const original = parsePlan(samplePlan(name));
      const rewritten = parsePlan(renderPlan(draftFromPlan(original)));
      expect(draftFromPlan(rewritten)).toEqual(draftFromPlan(original));
      // Placeholder objects and tests are not content, so a rewrite may have fewer.
      const remaining = original.diagnostics.map(
        d => `${d.rule}: ${d.message}`,
      );
      for (const d of rewritten.diagnostics) {
        const index = remaining.indexOf(`${d.rule}: ${d.message}`);
        expect(index).toBeGreaterThanOrEqual(0);
        remaining.splice(index, 1);
      }
    },
  );

  it('escapes table-breaking characters in cells', () => {
    const draft = draftFromPlan(parsePlan(fixture('complete-plan')));
    draft.risks = [
      {
        risk: 'Pipes | in \\ cells',
        probability: 'low',
        impact: 'high',
        mitigation: 'a|b',
      },
    ];
    const markdown = renderPlan(draft);
    expect(markdown).toContain(
      '| Pipes \\| in \\\\ cells | Low | High | a\\|b |',
    );
    const plan = parsePlan(markdown);
    expect(plan.risks[0]).toMatchObject({
      risk: 'Pipes | in \\ cells',
      mitigation: 'a|b',
    });
    expect(plan.diagnostics).toEqual([]);
  });

  it('writes the template’s placeholders where the draft has no value', () => {
    const empty: PlanDraft = draftFromPlan(parsePlan(''));
    const markdown = renderPlan(empty);
    expect(markdown).toContain(
      '| **Status** | `DRAFT | REVIEW | APPROVED | IN_PROGRESS | COMPLETE` |',
    );
    expect(markdown).toContain('Approved for Implementation: [YES/NO]');
    const plan = parsePlan(markdown);
    expect(plan.diagnostics.every(d => d.rule === 'placeholder')).toBe(true);
    expect(draftFromPlan(plan)).toEqual(empty);
  });

  it('writes the seed’s sections in the seed’s order', () => {
    const headings = renderPlan(
      draftFromPlan(parsePlan(fixture('complete-plan'))),
    )
      .split('\n')
      .filter(line => line.startsWith('## '));
    expect(headings).toEqual(
      fixture('seed-template')
        .split('\n')
        .filter(line => line.startsWith('## ')),
    );
  });
});
