import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's impact levels, least severe first. */
export const IMPACTS = ['minor', 'moderate', 'serious', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

/** The parts of an axe-core violation that a failing journey reports. */
export interface AccessibilityViolation {
  id: string;
  impact?: Impact | null;
  help: string;
  helpUrl?: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Violations at `minImpact` or worse; a violation without an impact counts as serious. */
export function violationsAtLeast(
  violations: AccessibilityViolation[],
  minImpact: Impact,
): AccessibilityViolation[] {
  const threshold = IMPACTS.indexOf(minImpact);
  return violations.filter(
    v => IMPACTS.indexOf(v.impact ?? 'serious') >= threshold,
  );
}

/** A node's target: CSS selectors, nested for shadow DOM and iframes (`a >> b`). */
function selectorOf(target: unknown[]): string {
  return target
    .map(part => (Array.isArray(part) ? part.join(' >> ') : String(part)))
    .join(' >> ');
}

/**
 * One paragraph per violation: rule id, impact, help text and link, then every failing
 * element's selector (at most `maxNodes`, then how many more).
 */
export function formatViolations(
  violations: AccessibilityViolation[],
  maxNodes = 10,
): string {
  return violations
    .map(v => {
      const head = `${v.id} (${v.impact ?? 'no impact'}): ${v.help}${
        v.helpUrl ? ` <${v.helpUrl}>` : ''
      }`;
      const nodes = v.nodes
        .slice(0, maxNodes)
        .map(node => `  - ${selectorOf(node.target)}`);
      if (v.nodes.length > maxNodes) {
        nodes.push(`  … and ${v.nodes.length - maxNodes} more`);
      }
      return [head, ...nodes].join('\n');
    })
    .join('\n\n');
}

export interface AxeScope {
  /** CSS selectors to check; the whole document when left out. */
  include?: string[];
  /** CSS selectors to leave out. */
  exclude?: string[];
}

let axeSource: string | undefined;

/**
 * axe-core's browser bundle, read from its package rather than imported: loading axe-core
 * in Node runs it against a `window` that is not there.
 */
function axeScript(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** Injects axe-core into the page (once) and runs it over `scope` with its default rules. */
export async function runAxe(
  page: Page,
  scope: AxeScope = {},
): Promise<AccessibilityViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ content: axeScript() });
  return page.evaluate(async ({ include, exclude }) => {
    const context: Record<string, string[][]> = {};
    if (include) context.include = include.map(selector => [selector]);
    if (exclude) context.exclude = exclude.map(selector => [selector]);
    const results = await (window as any).axe.run(
      include || exclude ? context : document,
      { resultTypes: ['violations'] },
    );
    return results.violations.map((v: AccessibilityViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map(node => ({
        target: node.target,
        failureSummary: node.failureSummary,
      })),
    }));
  }, scope);
}

/**
 * Runs axe-core over `scope` and throws, listing them, if it finds violations at
 * `minImpact` (default serious) or worse. Returns every violation, milder ones included.
 */
export async function assertNoSeriousViolations(
  page: Page,
  scope: AxeScope = {},
  minImpact: Impact = 'serious',
): Promise<AccessibilityViolation[]> {
  const violations = await runAxe(page, scope);
  const failing = violationsAtLeast(violations, minImpact);
  if (failing.length > 0) {
    throw new Error(
      `axe-core found ${
        failing.length
      } accessibility violation(s) at ${minImpact} or worse on ${page.url()}:\n\n${formatViolations(
        failing,
      )}`,
    );
  }
  return violations;
}
