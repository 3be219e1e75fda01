import { DEFAULT_LAYERS, OBJECT_KINDS, objectDirectory } from '../layout';
import { escapeBrackets, escapeHeadingEnd, escapeLineStart } from './text';
import {
  DraftCriterion,
  Level,
  PlanDraft,
  PlanTest,
  TestCategory,
} from './types';

/** Escapes text for a table cell: `\` and `|` would otherwise end or split the cell; line breaks become spaces. */
function cell(text: string | undefined): string {
  return (text ?? '').replace(/\r?\n|\r/g, ' ').replace(/([\\|])/g, '\\$1');
}

/**
 * One line of text after a key (`Purpose: …`): line breaks become spaces, and brackets
 * are escaped so that `[NAME]` is read back as text, not as a placeholder.
 */
function line(text: string): string {
  return escapeBrackets(oneLine(text));
}

/** Line breaks become spaces: for paths and commands, which are read as written. */
function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ');
}

/** A list item's or paragraph's own text: `line`, with a leading `- `, `1. `, `> ` … escaped. */
function item(text: string): string {
  return escapeLineStart(line(text));
}

/** A heading's text: `line`, with a closing run of `#` escaped. */
function title(text: string): string {
  return escapeHeadingEnd(line(text));
}

/** A value wrapped in a code span, unless it holds a backtick. */
function code(text: string): string {
  return text.includes('`') ? text : `\`${text}\``;
}

/** A table; the cells of `rows` are text, escaped (the template's own rows are not). */
function table(
  header: string[],
  rows: Array<Array<string | undefined>>,
  escape = true,
): string[] {
  const text = (value: string | undefined) =>
    cell(escape && value !== undefined ? escapeBrackets(value) : value);
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '-------').join('|')}|`,
    ...rows.map(row => `| ${row.map(text).join(' | ')} |`),
  ];
}

function fence(lines: string[], info: string, indent = ''): string[] {
  let longest = 2;
  for (const l of lines) {
    for (const run of l.match(/`+/g) ?? [])
      longest = Math.max(longest, run.length);
  }
  const marks = '`'.repeat(longest + 1);
  return [
    `${indent}${marks}${info}`,
    ...lines.map(l => `${indent}${l}`),
    `${indent}${marks}`,
  ];
}

function level(value: Level | undefined): string {
  return value ? value[0].toUpperCase() + value.slice(1) : '';
}

const TEST_HEADINGS: Array<[TestCategory, string, string]> = [
  ['unit', '4.2.1 Unit Tests', 'tests/unit/{file_path}.sql'],
  [
    'integration',
    '4.2.2 Integration Tests',
    'tests/integration/{file_path}.sql',
  ],
  [
    'validation',
    '4.2.3 Data Validation Tests',
    'tests/validation/{file_path}.sql',
  ],
];

function renderTests(tests: PlanTest[], category: TestCategory): string[] {
  const out: string[] = [];
  for (const test of tests.filter(t => t.category === category)) {
    out.push(`- Test: ${line(test.name)}`);
    if (test.file) out.push(`  - File: ${code(test.file)}`);
    out.push('  - Validation:');
    for (const validation of test.validations)
      out.push(`    - ${item(validation)}`);
  }
  return out;
}

function criteriaTable(
  criteria: DraftCriterion[],
  actualHeader: string,
): string[] {
  return table(
    ['Criteria', 'Measurement', 'Target', actualHeader],
    criteria.map(c => [c.criteria, c.measurement, c.target, c.actual]),
  );
}

function effortText(effort: PlanDraft['metadata']['effort']): string {
  const parts: string[] = [];
  if (effort?.storyPoints !== undefined)
    parts.push(`${effort.storyPoints} story points`);
  if (effort?.hours !== undefined) parts.push(`${effort.hours} hours`);
  return parts.length ? parts.join(' / ') : '[X] story points / [Y] hours';
}

function layerTree(layers: string[]): string[] {
  const names = layers.length ? layers : ['[layer1]', '[layer2]', '[layer3]'];
  const out = ['src/'];
  names.forEach((name, index) => {
    const last = index === names.length - 1;
    const example = layers.length
      ? ''
      : ` # e.g., ${DEFAULT_LAYERS[index] ?? 'layer'}`;
    out.push(`${last ? '└──' : '├──'} ${name}/${example}`);
    const prefix = last ? '    ' : '│   ';
    out.push(
      `${prefix}├── tasks/`,
      `${prefix}├── procedures/`,
      `${prefix}├── tables/`,
      `${prefix}└── views/`,
    );
  });
  return out;
}

/**
 * Writes a plan document in the implementation-plan template's format. Missing values
 * are written as the template's placeholders, so that the document shows what is still to
 * fill in; `parsePlan` reads the result back to the same draft.
 *
 * @public
 */
export function renderPlan(draft: PlanDraft): string {
  const { metadata } = draft;
  const out: string[] = ['# IMPLEMENTATION PLAN', '', '## Metadata'];
  const meta = (value: string | undefined, placeholder: string) =>
    cell(code(value === undefined ? placeholder : escapeBrackets(value)));
  out.push(
    '| Field | Value |',
    '|-------|-------|',
    `| **Project ID** | ${meta(metadata.projectId, '[PROJECT-YYYY-MM-XXX]')} |`,
    `| **Plan Version** | ${meta(metadata.planVersion, '[plan_version]')} |`,
    `| **Linked Research Version** | ${meta(
      metadata.linkedResearchVersion,
      '[research_version]',
    )} |`,
    `| **Linked Spec Version** | ${meta(
      metadata.linkedSpecVersion,
      '[spec_version]',
    )} |`,
    `| **Generated Date** | ${meta(
      metadata.generatedDate,
      'YYYY-MM-DD HH:MM UTC',
    )} |`,
    `| **Generated By** | ${meta(metadata.generatedBy, '[AGENT_NAME]')} |`,
    `| **Estimated Effort** | ${cell(code(effortText(metadata.effort)))} |`,
    `| **Status** | ${code(
      metadata.status ?? 'DRAFT | REVIEW | APPROVED | IN_PROGRESS | COMPLETE',
    )} |`,
    '',
    '---',
    '',
    '## 1. PLAN OVERVIEW',
    '',
    '### 1.1 Implementation Summary',
    draft.overview.summary === undefined
      ? '[Brief summary of what will be implemented]'
      : escapeLineStart(escapeBrackets(draft.overview.summary)),
    '',
    '### 1.2 Success Criteria',
    '#### Technical Success:',
    ...draft.overview.technicalSuccess.map(c => `- ${item(c)}`),
    '',
    '#### Business Success:',
    ...draft.overview.businessSuccess.map(c => `- ${item(c)}`),
    '',
    '---',
    '',
    '## 2. DIRECTORY STRUCTURE DEFINITION',
    '',
    '### 2.1 Target Directory Structure',
    '',
    ...fence(layerTree(draft.layers), 'text'),
    '',
    '### 2.2 Directory-Code Mapping',
    ...table(
      ['Snowflake Object', 'Target Directory', 'File Pattern'],
      OBJECT_KINDS.map(kind => [
        kind[0].toUpperCase() + kind.slice(1),
        code(`${objectDirectory('[layer]', kind)}/`),
        code('[object_name].sql'),
      ]),
      false,
    ),
    '',
    '---',
    '',
    '## 3. IMPLEMENTATION STEPS',
  );

  draft.phases.forEach((phase, p) => {
    out.push('', `### Phase ${p + 1}: ${title(phase.title)}`);
    phase.steps.forEach((step, s) => {
      out.push('', `#### Step ${p + 1}.${s + 1}: ${title(step.title)}`);
      for (const object of step.objects) {
        out.push(`- Object: ${object.name}`);
        if (object.file) out.push(`- File: ${code(object.file)}`);
        if (object.definition)
          out.push(`- Definition: ${line(object.definition)}`);
        if (object.dependencies.length)
          out.push(`- Dependencies: ${object.dependencies.join(', ')}`);
      }
      if (step.files.length) {
        out.push(
          '',
          '##### Files to Create:',
          ...step.files.map(f => `- ${code(f)}`),
        );
      }
      if (step.commands.length) {
        out.push('', '##### Commands:', ...fence(step.commands, 'bash'));
      }
    });
  });

  out.push(
    '',
    '---',
    '',
    '## 4. TESTING STRATEGY',
    '### 4.1 Test Directory Structure',
    ...fence(
      [
        'tests/',
        '├── unit/',
        ...draft.layers.map(l => `│   ├── ${l}/`),
        '├── integration/',
        '└── validation/',
      ],
      'text',
    ),
    '',
    '### 4.2 Test Implementation Plan',
  );
  for (const [category, heading] of TEST_HEADINGS) {
    out.push(`#### ${heading}`, ...renderTests(draft.tests, category), '');
  }
  out.push(
    '### 4.3 Test Execution Sequence',
    ...draft.testSequence.map(s => `- ${item(s)}`),
    '',
    '---',
    '',
    '## 5. DEPLOYMENT & MIGRATION',
    '### 5.1 Deployment Sequence',
    ...table(
      ['Order', 'Object Type', 'Layer', 'Validation Step'],
      draft.deployment.sequence.map(s => [
        String(s.order),
        s.objectType,
        s.layer,
        s.validationStep,
      ]),
    ),
    '',
    '### 5.2 Migration Scripts',
  );
  for (const script of draft.deployment.scripts) {
    out.push(`- Script: ${code(oneLine(script.script))}`);
    if (script.purpose) out.push(`- Purpose: ${line(script.purpose)}`);
    if (script.validation)
      out.push(`- Validation: ${code(oneLine(script.validation))}`);
  }

  const { rollback } = draft;
  out.push('', '---', '', '## 6. ROLLBACK PLAN', '### 6.1 Rollback Triggers');
  out.push(
    ...rollback.triggers.map(t => `- ${item(t)}`),
    '',
    '### 6.2 Rollback Procedures',
  );
  rollback.scenarios.forEach((scenario, index) => {
    out.push(
      `- Scenario ${index + 1}: ${line(scenario.description)}`,
      '  - Rollback Steps:',
    );
    out.push(...scenario.steps.map(s => `    - ${item(s)}`), '');
    if (scenario.commands.length) {
      out.push(
        '  - Commands (Sample queries):',
        ...fence(scenario.commands, 'sql', '    '),
        '',
      );
    }
  });
  out.push(
    '### 6.3 Backup Strategy',
    'Pre-implementation:',
    ...rollback.backupSteps.map(s => `- ${item(s)}`),
    `- Backup Location: ${code(
      rollback.backupLocation ?? 'backups/[date]/[plan_version]/',
    )}`,
    '',
    '---',
    '',
    '## 7. VALIDATION CRITERIA',
    '### 7.1 Technical Validation',
    ...criteriaTable(draft.validation.technical, 'Actual'),
    '',
    '### 7.2 Business Validation',
    ...criteriaTable(draft.validation.business, 'Status'),
    '',
    '---',
    '',
    '## 8. RESOURCE ALLOCATION',
    '### 8.1 Snowflake Resources',
    ...table(
      ['Resource', 'Size', 'Duration', 'Purpose'],
      draft.resources.map(r => [r.resource, r.size, r.duration, r.purpose]),
    ),
    '',
    '### 8.2 Context Management',
  );
  const { contextManagement } = draft;
  if (contextManagement.maxContextUsage !== undefined) {
    out.push(
      `Maximum Context Usage: ${line(contextManagement.maxContextUsage)}`,
    );
  }
  out.push(
    'Strategy to Minimize Context:',
    ...contextManagement.strategy.map(s => `- ${item(s)}`),
  );

  out.push(
    '',
    '---',
    '',
    '## 9. RISK MANAGEMENT',
    '### 9.1 Identified Risks',
    ...table(
      ['Risk', 'Probability', 'Impact', 'Mitigation'],
      draft.risks.map(r => [
        r.risk,
        level(r.probability),
        level(r.impact),
        r.mitigation,
      ]),
    ),
    '',
    '### 9.2 Contingency Plans',
  );
  for (const contingency of draft.contingencies) {
    out.push(
      `- ${item(contingency.trigger)}:`,
      ...contingency.actions.map(a => `  - ${item(a)}`),
      '',
    );
  }

  const { reviewers, execution } = draft.approvals;
  let approved = '[YES/NO]';
  if (execution.approved !== undefined)
    approved = execution.approved ? 'YES' : 'NO';
  out.push(
    '',
    '---',
    '',
    '## 10. APPROVAL & EXECUTION',
    '### Plan Review',
    ...table(
      ['Reviewer', 'Role', 'Date', 'Status', 'Comments'],
      reviewers.map(r => [r.name, r.role, r.date, r.status, r.comments]),
    ),
    '',
    '### Execution Approval',
    `Approved for Implementation: ${approved}`,
    `Approved by: ${
      execution.approvedBy === undefined ? '[NAME]' : line(execution.approvedBy)
    }`,
    `Date: ${
      execution.date === undefined ? '[YYYY-MM-DD]' : line(execution.date)
    }`,
    `Scheduled Start: ${
      execution.scheduledStart === undefined
        ? '[YYYY-MM-DD HH:MM]'
        : line(execution.scheduledStart)
    }`,
    `Expected Completion: ${
      execution.expectedCompletion === undefined
        ? '[YYYY-MM-DD HH:MM]'
        : line(execution.expectedCompletion)
    }`,
    '',
  );
  return out.join('\n');
}
