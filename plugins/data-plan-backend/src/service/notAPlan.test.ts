import { evaluatePlan, parsePlan } from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { notAPlan } from './notAPlan';

const examples = resolve(__dirname, '../../../../examples/data-projects');

describe('notAPlan', () => {
  it('says why a document without plan headings is no plan', () => {
    for (const text of ['', '   \n', 'Meeting notes\n\n- one\n', '# Title\n']) {
      expect(notAPlan(parsePlan(text))).toMatch(/^No plan sections found/);
    }
  });

  it('says why input that is not text is no plan', () => {
    expect(notAPlan(parsePlan(42))).toBe(
      parsePlan(42).diagnostics.find(d => d.rule === 'not-text')?.message,
    );
    expect(notAPlan(parsePlan(42))).toBeDefined();
  });

  it('says why the parser gave up', () => {
    const plan = parsePlan('');
    plan.diagnostics = [
      {
        key: 'parser-failure',
        severity: 'error',
        rule: 'parser-failure',
        message: 'The plan could not be read: boom',
      },
    ];
    expect(notAPlan(plan)).toBe('The plan could not be read: boom');
  });

  it('takes a plan with errors for a plan', () => {
    const text = readFileSync(`${examples}/sales-orders/PLAN.md`, 'utf8');
    const plan = parsePlan(text.replace('`IN_PROGRESS`', '`COMPLETE`'));
    expect(evaluatePlan(plan).summary.counts.error).toBeGreaterThan(0);
    expect(notAPlan(plan)).toBeUndefined();
    expect(notAPlan(parsePlan('## Metadata\n'))).toBeUndefined();
  });
});
