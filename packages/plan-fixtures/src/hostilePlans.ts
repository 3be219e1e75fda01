import { fixture } from './fixture';

/** A hostile document shape: `build(size)` writes one of about `size` characters. */
export interface HostileCase {
  name: string;
  build: (size: number) => string;
  /** More documents of the same shape, each of about `size` characters. */
  variants?: (size: number) => string[];
}

const METADATA = [
  '## Metadata',
  '| Field | Value |',
  '|-------|-------|',
  '| **Status** | `DRAFT` |',
  '',
].join('\n');

const TREE_HEAD =
  '## 2. DIRECTORY STRUCTURE DEFINITION\n### 2.1 Target Directory Structure\n```text\nsrc/\n';

const STEP_HEAD =
  '## 3. IMPLEMENTATION STEPS\n### Phase 1: Hostile\n#### Step 1.1: Hostile\n';

/** Repeats `unit` until the result is about `size` characters long. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length)));
}

/** Lines made by `line(i)` until they add up to about `size` characters. */
function lines(size: number, line: (i: number) => string): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const text = line(i);
    out.push(text);
    length += text.length + 1;
  }
  return out.join('\n');
}

/**
 * A plan with a run of one character (or pair) at each place a section reader looks: a
 * metadata value, the summary, a tree line, phase and step headings, an object's name,
 * file and dependencies, a test, table cells and a key-value paragraph. `at()` gives the
 * run at each place.
 */
function runPlan(at: () => string): string {
  return [
    '## Metadata',
    '| Field | Value |',
    '|-------|-------|',
    `| **Project ID** | ${at()}x |`,
    `| **Estimated Effort** | 1${at()}1 |`,
    `| **Status** | ${at()} |`,
    '',
    '## 1. PLAN OVERVIEW',
    '### 1.1 Implementation Summary',
    `a${at()}b`,
    `c${at()}`,
    '',
    '## 2. DIRECTORY STRUCTURE DEFINITION',
    '### 2.1 Target Directory Structure',
    '```text',
    `${at()}x`,
    '```',
    '',
    '## 3. IMPLEMENTATION STEPS',
    `### Phase 1:${at()}x`,
    `#### Step 1${at()}x`,
    `- Object: A${at()}B`,
    `  next${at()}line`,
    `- File: \`src/raw/tables/${at()}.sql\``,
    `- Dependencies: A${at()}, and ${at()}B`,
    '',
    '## 4. TESTING STRATEGY',
    '### 4.2 Test Implementation Plan',
    '#### 4.2.1 Unit Tests',
    `- Test: ${at()}x`,
    '',
    '## 7. VALIDATION CRITERIA',
    '### 7.1 Technical Validation',
    '| Criteria | Measurement | Target | Actual |',
    '|---|---|---|---|',
    `| c | m | 1${at()}x | 1${at()}x |`,
    '',
    '## 10. APPROVAL & EXECUTION',
    '### Execution Approval',
    `Approved for Implementation:${at()}x`,
    '',
  ].join('\n');
}

let places = 0;
runPlan(() => {
  places++;
  return '';
});
/** How many places `runPlan` puts a run. */
const RUN_PLACES = places;

/**
 * A run of `run` at every place of `runPlan`, each with an equal share; as variants, the
 * whole run at one place at a time, so that a reader slow on long runs meets all of it.
 */
function runEverywhere(run: string): HostileCase {
  const build = (size: number, only?: number) => {
    const text = fill(
      run,
      Math.floor(size / (only === undefined ? RUN_PLACES : 1)),
    );
    let place = 0;
    return runPlan(() => (only === undefined || only === place++ ? text : ''));
  };
  return {
    name: `run of ${JSON.stringify(run)}`,
    build: size => build(size),
    variants: size =>
      Array.from({ length: RUN_PLACES }, (_, i) => build(size, i)),
  };
}

/** The hostile shapes: each one a single way to make a naive parser slow. */
export const HOSTILE_CASES: HostileCase[] = [
  {
    name: 'tree line of "-"',
    build: size => `${METADATA}${TREE_HEAD}${fill('-', size)}\n\`\`\`\n`,
  },
  {
    name: 'tree line of spaces',
    build: size => `${METADATA}${TREE_HEAD}${fill(' ', size)}x\n\`\`\`\n`,
  },
  {
    name: 'tree line of branches',
    build: size =>
      `${METADATA}${TREE_HEAD}${fill('│   ├── ', size)}x\n\`\`\`\n`,
  },
  ...[
    ' ',
    '-',
    '|',
    '`',
    '[',
    '{',
    '*',
    '\\|',
    '1',
    ':',
    '#',
    '>',
    '_',
    '\t',
    'A',
    '. ',
    ' |',
    'é',
  ].map(runEverywhere),
  {
    name: 'deeply nested list',
    build: size =>
      `${METADATA}${STEP_HEAD}${lines(
        size,
        i => `${'  '.repeat(i % 2000)}- Object: A${i}`,
      )}\n`,
  },
  {
    name: 'deeply nested blockquote',
    build: size =>
      `${METADATA}${STEP_HEAD}${lines(
        size,
        () => `${'>'.repeat(500)} - Object: A`,
      )}\n`,
  },
  {
    name: 'one line of nested bullets',
    build: size => `${METADATA}${STEP_HEAD}${fill('- ', size)}x\n`,
  },
  {
    name: 'nested lists switching bullets',
    build: size =>
      `${METADATA}${STEP_HEAD}- Object: A\n${lines(
        size,
        i => `  ${'-*+'[i % 3]} Dependencies: B${i}`,
      )}\n`,
  },
  {
    name: 'fences in one item',
    build: size =>
      `${METADATA}## 6. ROLLBACK PLAN\n### 6.2 Rollback Procedures\n- Scenario 1: x\n  - Commands:\n${lines(
        size,
        i => `    \`\`\`\n    C${i}\n    \`\`\``,
      )}\n`,
  },
  {
    name: 'row of many cells',
    build: size =>
      `${METADATA}## 9. RISK MANAGEMENT\n### 9.1 Identified Risks\n| Risk | Probability | Impact | Mitigation |\n|---|---|---|---|\n${fill(
        '| a ',
        size,
      )}|\n`,
  },
  {
    name: 'header of many cells',
    build: size => {
      const columns = Math.floor(size / 16);
      const head = `${METADATA}## 9. RISK MANAGEMENT\n### 9.1 Identified Risks\n${'| R '.repeat(
        columns,
      )}|\n${'|-'.repeat(columns)}|\n`;
      return `${head}${lines(size - head.length, () => '| a |')}\n`;
    },
  },
  {
    name: 'many headings',
    build: size => `${METADATA}${lines(size, i => `## ${i}. Section ${i}`)}\n`,
  },
  {
    name: 'many step headings',
    build: size =>
      `${METADATA}## 3. IMPLEMENTATION STEPS\n### Phase 1: x\n${lines(
        size,
        i => `#### Step 1.${i}: x`,
      )}\n`,
  },
  {
    name: 'unclosed fence',
    build: size =>
      `${METADATA}${STEP_HEAD}##### Commands:\n\`\`\`bash\n${lines(
        size,
        i => `echo ${i}`,
      )}\n`,
  },
  {
    name: 'many unclosed fences in list items',
    build: size => `${METADATA}${STEP_HEAD}${lines(size, () => '- ```')}\n`,
  },
  {
    name: 'dependency list of unknown names',
    build: size =>
      `${METADATA}${STEP_HEAD}- Object: A\n- File: \`src/raw/tables/a.sql\`\n- Dependencies: ${lines(
        size,
        i => `N${i},`,
      ).replace(/\n/g, ' ')}\n`,
  },
  {
    name: 'dependency list of one name',
    build: size =>
      `${METADATA}${STEP_HEAD}- Object: A\n- File: \`src/raw/tables/a.sql\`\n- Object: B\n- Dependencies: ${fill(
        'A, ',
        size,
      )}A\n`,
  },
  {
    name: 'dependency list of defined objects',
    build: size => {
      const count = Math.floor(size / 60);
      const objects = Array.from(
        { length: count },
        (_, i) => `- Object: O${i}\n- File: \`src/raw/tables/o${i}.sql\``,
      ).join('\n');
      const names = Array.from({ length: count }, (_, i) => `O${i}`).join(', ');
      return `${METADATA}${STEP_HEAD}${objects}\n- Object: ALL\n- File: \`src/raw/tables/all.sql\`\n- Dependencies: ${names}\n`;
    },
  },
  {
    name: 'objects in a dependency cycle',
    build: size => {
      const count = Math.floor(size / 75);
      return `${METADATA}${STEP_HEAD}${Array.from(
        { length: count },
        (_, i) =>
          `- Object: O${i}\n- File: \`src/raw/tables/o${i}.sql\`\n- Dependencies: O${
            (i + 1) % count
          }`,
      ).join('\n')}\n`;
    },
  },
  {
    name: 'objects of one name depending on it',
    build: size => {
      const count = Math.floor(size / 77);
      return `${METADATA}${STEP_HEAD}${Array.from(
        { length: count },
        (_, i) =>
          `- Object: S${i}.X\n- File: \`src/raw/tables/x.sql\`\n- Dependencies: X, S${
            i + 1
          }.X`,
      ).join('\n')}\n`;
    },
  },
  {
    name: 'many layers and objects',
    build: size => {
      const count = Math.floor(size / 87);
      const tree = Array.from({ length: count }, (_, i) => `├── l${i}/`).join(
        '\n',
      );
      const objects = Array.from(
        { length: count },
        (_, i) =>
          `- Object: O${i}\n- File: \`src/m${i}/tables/o${i}.sql\`\n- Dependencies: O${
            i + 1
          }`,
      ).join('\n');
      return `${METADATA}${TREE_HEAD}${tree}\n\`\`\`\n${STEP_HEAD}${objects}\n`;
    },
  },
  {
    name: 'many placeholders',
    build: size =>
      `${METADATA}## 6. ROLLBACK PLAN\n### 6.1 Rollback Triggers\n${lines(
        size,
        i => `- [T${i}] {x}`,
      )}\n`,
  },
  {
    name: 'lone carriage returns',
    build: size => fill('| a |\r', size),
  },
];

/**
 * A normal plan of about `size` characters: the complete-plan fixture with its objects,
 * risks and steps repeated (objects renamed so that each stays unique).
 */
export function normalPlan(size: number): string {
  const plan = fixture('complete-plan');
  const phasesStart = plan.indexOf('### Phase 1');
  const phasesEnd = plan.indexOf('---', phasesStart);
  const risksStart = plan.indexOf('Consent flags out of date');
  const risksEnd = plan.indexOf('\n\n', risksStart);
  const phases = plan.slice(phasesStart, phasesEnd);
  const risks = plan.slice(risksStart, risksEnd);
  const base = plan.length;
  const copies = Math.max(
    1,
    Math.ceil((size - base) / (phases.length + risks.length)),
  );
  const extraPhases: string[] = [];
  const extraRisks: string[] = [];
  for (let i = 1; i < copies; i++) {
    extraPhases.push(
      phases
        .replace(/### Phase (\d+)/g, (_, n) => `### Phase ${Number(n) + 3 * i}`)
        .replace(/\b([A-Z][A-Z0-9_]*[A-Z0-9])\b(?=[,\n]|$)/g, `$1_${i}`)
        .replace(/\/([a-z0-9_]+)\.sql/g, (_, stem) => `/${stem}_${i}.sql`),
    );
    extraRisks.push(risks.replace(/^([^|\n]+) \|/gm, `$1 ${i} |`));
  }
  return (
    plan.slice(0, phasesEnd) +
    extraPhases.join('') +
    plan.slice(phasesEnd, risksEnd) +
    (extraRisks.length ? `\n${extraRisks.join('\n')}` : '') +
    plan.slice(risksEnd)
  );
}
