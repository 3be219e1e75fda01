import { buildSections, readBlocks, SectionNode } from './blocks';
import { checkObjects } from './checkObjects';
import { ParseContext } from './context';
import {
  assignEntityKeys,
  fieldKey,
  findingKey,
  objectFindingSubject,
} from './findingKeys';
import { ObjectReporter } from './objectFindings';
import { buildObjectGraph, ObjectGraph } from './objectGraph';
import { readApprovals } from './sections/approvals';
import { readDeployment } from './sections/deployment';
import { readMetadata } from './sections/metadata';
import { readOverview } from './sections/overview';
import { readResources } from './sections/resources';
import { readRisks } from './sections/risks';
import { readRollback } from './sections/rollback';
import { readPhases } from './sections/steps';
import { readDirectoryMapping, readLayers } from './sections/structure';
import { readTests } from './sections/testing';
import { readValidation } from './sections/validation';
import { SourceLines } from './sourceLines';
import { normalizeHeading } from './text';
import { scanTokens } from './tokenEvents';
import { tokenizePlan } from './tokenize';
import {
  ParsedPlan,
  PlanDiagnostic,
  PLAN_SECTION_HEADINGS,
  PLAN_SECTION_KEYS,
  PlanSectionKey,
} from './types';

/**
 * How each section's heading is recognised; in the order of {@link PLAN_SECTION_KEYS}, the
 * first section not yet found whose pattern matches takes the heading.
 */
const SECTION_PATTERNS: Readonly<Record<PlanSectionKey, RegExp>> = {
  metadata: /^metadata/,
  overview: /overview/,
  directoryStructure: /director/,
  implementationSteps: /steps|implementation$/,
  testing: /test/,
  deployment: /deploy|migration/,
  rollback: /rollback/,
  validation: /validation/,
  resources: /resource/,
  risks: /risk/,
  approvals: /approval/,
};

/** The level-2 sections, whether or not the document has a level-1 title above them. */
function topSections(root: SectionNode): SectionNode[] {
  const sections: SectionNode[] = [];
  for (const node of root.children) {
    if (node.level === 1) sections.push(...node.children);
    else sections.push(node);
  }
  return sections;
}

function emptyPlan(): ParsedPlan {
  return {
    metadata: {},
    overview: { technicalSuccess: [], businessSuccess: [] },
    layers: [],
    phases: [],
    objects: [],
    tests: [],
    testSequence: [],
    deployment: { sequence: [], scripts: [] },
    rollback: { triggers: [], scenarios: [], backupSteps: [] },
    validation: { technical: [], business: [] },
    resources: [],
    contextManagement: { strategy: [] },
    risks: [],
    contingencies: [],
    approvals: { reviewers: [], execution: {} },
    sections: {},
    diagnostics: [],
  };
}

/** A parsed plan with the object graph its checks resolved (see `readPlan`). */
export interface ParsedDocument {
  plan: ParsedPlan;
  graph: ObjectGraph;
}

function parse(markdown: string): ParsedDocument {
  const ctx = new ParseContext();
  const sourceLines = new SourceLines(markdown);
  // The tokens are read into events and dropped before any block is built.
  const tokens = tokenizePlan(markdown);
  const events = scanTokens(tokens);
  // Emptied, not only dropped: the collector treats the slots of this old, large list as
  // roots of the young tokens they point to until its next full collection, and would
  // copy every one of them through each collection while the blocks are built.
  tokens.length = 0;
  const root = buildSections(readBlocks(events, sourceLines));

  const found: Partial<Record<PlanSectionKey, SectionNode>> = {};
  const sections: ParsedPlan['sections'] = {};
  for (const node of topSections(root)) {
    const title = normalizeHeading(node.title);
    const key = PLAN_SECTION_KEYS.find(
      k => !found[k] && SECTION_PATTERNS[k].test(title),
    );
    if (key) {
      found[key] = node;
      sections[key] = node.line;
    }
  }

  const plan = emptyPlan();
  plan.sections = sections;
  if (Object.keys(found).length === 0) {
    ctx.report(
      'error',
      'not-a-plan',
      "No plan sections found: a plan has headings such as '## Metadata' and '## 3. IMPLEMENTATION STEPS'",
      1,
    );
  } else {
    for (const key of PLAN_SECTION_KEYS) {
      if (!found[key]) {
        const heading = PLAN_SECTION_HEADINGS[key];
        ctx.report(
          'warning',
          'missing-section',
          `Section '${heading}' is missing`,
          undefined,
          fieldKey('section', heading),
        );
      }
    }
  }

  plan.metadata = readMetadata(ctx, found.metadata);
  if (
    found.metadata &&
    !plan.metadata.status &&
    !statusReported(ctx.diagnostics)
  ) {
    ctx.report(
      'warning',
      'missing-status',
      'Metadata has no Status',
      found.metadata.line,
      fieldKey('metadata', 'status'),
    );
  }
  plan.overview = readOverview(ctx, found.overview);
  plan.layers = readLayers(ctx, found.directoryStructure);
  const mapping = readDirectoryMapping(ctx, found.directoryStructure);
  // Each reader returns fields named as in ParsedPlan.
  Object.assign(
    plan,
    readPhases(ctx, found.implementationSteps),
    readTests(ctx, found.testing),
  );
  plan.deployment = readDeployment(ctx, found.deployment);
  plan.rollback = readRollback(ctx, found.rollback);
  plan.validation = readValidation(ctx, found.validation);
  Object.assign(
    plan,
    readResources(ctx, found.resources),
    readRisks(ctx, found.risks),
  );
  plan.approvals = readApprovals(ctx, found.approvals);

  const graph = buildObjectGraph(plan.objects);
  const keys = assignEntityKeys(plan, graph.identifiers);
  const placements = checkObjects(
    objectReporter(ctx, plan, keys.objects),
    plan.objects,
    graph,
    plan.layers,
    mapping,
  );
  // The objects are this parse's own, not yet returned: each takes its placement.
  plan.objects.forEach((object, index) => {
    const placement = placements[index];
    if (placement) {
      object.layer = placement.layer;
      object.kind = placement.kind;
    }
  });

  plan.diagnostics = sortDiagnostics(ctx.diagnostics);
  return { plan, graph };
}

/** Reports the object checks' findings with their subject's content key. */
function objectReporter(
  ctx: ParseContext,
  plan: ParsedPlan,
  keys: readonly string[],
): ObjectReporter {
  return {
    report(severity, rule, message, line, subject) {
      const about = objectFindingSubject(plan.objects, keys, rule, subject);
      ctx.report(severity, rule, message, line, about);
    },
  };
}

// A Status that was a placeholder or unknown already has its own diagnostic.
function statusReported(diagnostics: PlanDiagnostic[]) {
  return diagnostics.some(
    d =>
      d.rule === 'unknown-status' ||
      (d.rule === 'placeholder' && d.message.startsWith('Status ')),
  );
}

// The sort is stable: the diagnostics of one line keep the order they were reported in.
function sortDiagnostics(diagnostics: PlanDiagnostic[]): PlanDiagnostic[] {
  return diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function failed(rule: string, message: string): ParsedPlan {
  const plan = emptyPlan();
  plan.diagnostics.push({
    key: findingKey(rule),
    severity: 'error',
    rule,
    message,
    line: 1,
  });
  return plan;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  // Not Buffer.isBuffer: this runs in the browser too, where a Buffer is a Uint8Array.
  if (value instanceof Uint8Array) return 'bytes (decode them first)';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * {@link parsePlan} with the object graph its checks resolved, which evaluating the plan
 * needs again; an empty graph for a document that gave no plan.
 */
export function parseDocument(markdown: unknown): ParsedDocument {
  if (typeof markdown !== 'string') {
    return withoutGraph(
      failed(
        'not-text',
        `The plan must be text, but it is ${kindOf(markdown)}`,
      ),
    );
  }
  try {
    return parse(markdown);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unexpected error';
    return withoutGraph(
      failed('parser-failure', `The plan could not be read: ${reason}`),
    );
  }
}

function withoutGraph(plan: ParsedPlan): ParsedDocument {
  return { plan, graph: buildObjectGraph(plan.objects) };
}

/**
 * Parses a plan document in the format of the implementation-plan template. Total: it
 * never throws; whatever it cannot understand becomes a diagnostic with a 1-based line and
 * a stable rule id. Anything but a string (a Buffer not yet decoded, `undefined`) gives
 * an empty plan with a `not-text` error.
 *
 * @public
 */
export function parsePlan(markdown: unknown): ParsedPlan {
  return parseDocument(markdown).plan;
}
