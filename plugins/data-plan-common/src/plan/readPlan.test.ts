import { evaluatePlan } from './evaluatePlan';
import { parsePlan } from './parsePlan';
import { readPlan } from './readPlan';

describe('readPlan', () => {
  const cyclic = [
    '## Metadata',
    '| Field | Value |',
    '|---|---|',
    '| **Status** | `DRAFT` |',
    '## 3. IMPLEMENTATION STEPS',
    '### Phase 1: Raw',
    '#### Step 1.1: A',
    '- Object: RAW.A',
    '- File: `src/raw/tables/a.sql`',
    '- Dependencies: RAW.B',
    '#### Step 1.2: B',
    '- Object: RAW.B',
    '- File: `src/raw/tables/b.sql`',
    '- Dependencies: A',
    '#### Step 1.3: C',
    '- Object: RAW.C',
    '- File: `src/raw/tables/c.sql`',
    '- Dependencies: RAW.A, MISSING',
  ].join('\n');

  it.each([
    ['a plan with a cycle and an unknown dependency', cyclic],
    ['not text', Buffer.from('## Metadata')],
    ['an empty document', ''],
  ])('gives what parsePlan and evaluatePlan give, for %s', (_, input) => {
    const policy = { severities: { 'unknown-dependency': 'error' as const } };
    const plan = parsePlan(input);
    expect(readPlan(input, policy)).toEqual({
      plan,
      evaluation: evaluatePlan(plan, policy),
    });
  });

  it('resolves the dependencies the evaluation orders by', () => {
    const { evaluation } = readPlan(cyclic);
    expect(evaluation.dependsOn).toEqual([[1], [0], [0]]);
    expect(evaluation.cycles).toEqual([['RAW.A', 'RAW.B']]);
    expect(evaluation.deployOrder.map(entry => entry.name)).toEqual([
      'RAW.A',
      'RAW.B',
      'RAW.C',
    ]);
  });
});
