import fc from 'fast-check';
import { isValidLayerName } from '../../layout';
import { cleanText, escapeBrackets, findPlaceholder } from '../text';
import { PlanDraft, PlanStatus, TestCategory } from '../types';

const word = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.stringMatching(/^[A-Za-z0-9_%<>=&$@/'"!?(),.]{1,8}$/),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('é', '日本', '🙂', 'Ünïcödé', 'naïve'),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z]{60,200}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '[NAME]',
      '{object_name}',
      '[list of tables/views]',
      '{}',
    ),
  },
);
const inner = fc.constantFrom(
  '|',
  '\\',
  ':',
  ',',
  '-',
  'é',
  '→',
  '>',
  '#',
  '*',
  '`',
);
const lead = fc.constantFrom(
  '-',
  '- ',
  '>',
  '> ',
  '|',
  '| ',
  '1.',
  '1. ',
  '2)',
  '#',
  '# ',
  '*',
  '+ ',
  '\\',
  ':',
  ',',
);
const trail = fc.constantFrom(':', '\\', ' :', '|');

/**
 * One-line text as people write it in a plan: words (non-ASCII, long, template-like
 * placeholders) with pipes, backslashes and punctuation, which may start with what
 * Markdown would read as structure (`- `, `> `, `| `, `1. `) and end with `:` or `\`.
 * Excluded: emphasis or a code span wrapping the whole text, which is read as markup.
 */
export const plainText = fc
  .tuple(
    fc.option(lead, { nil: '' }),
    fc.array(
      fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: inner }),
      { minLength: 1, maxLength: 6 },
    ),
    fc.option(trail, { nil: '' }),
  )
  .map(([first, parts, last]) => `${first}${parts.join(' ')}${last}`.trim())
  .filter(
    text =>
      text.length > 0 &&
      cleanText(text) === text &&
      // Brackets are escaped when written; other template marks (`YYYY-MM-DD`,
      // `DRAFT | REVIEW | APPROVED`) are read as placeholders wherever they appear.
      findPlaceholder(escapeBrackets(text)) === undefined,
  );

const identifierPart = fc
  .stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/)
  .filter(part => part !== 'NONE');
const identifier = fc.oneof(
  identifierPart,
  fc
    .tuple(identifierPart, identifierPart, identifierPart)
    .map(parts => parts.join('.')),
);
const path = fc.stringMatching(/^[a-z0-9_][a-z0-9_./]{0,24}$/);
const layerName = fc
  .stringMatching(/^[a-z][a-z0-9_]{0,10}$/)
  .filter(isValidLayerName);
const level = fc.option(
  fc.constantFrom('low' as const, 'medium' as const, 'high' as const),
  {
    nil: undefined,
  },
);
const text = (max = 4) => fc.array(plainText, { maxLength: max });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.option(arbitrary, { nil: undefined });

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

const tests = (category: TestCategory) =>
  fc.array(
    fc
      .record({ name: plainText, file: maybe(path), validations: text(3) })
      .map(t => withoutUndefined({ category, ...t })),
    { maxLength: 3 },
  );

/** Drafts of plans: what renderPlan writes and parsePlan must give back. */
export const draftArbitrary: fc.Arbitrary<PlanDraft> = fc
  .record({
    metadata: fc
      .record({
        projectId: maybe(plainText),
        planVersion: maybe(plainText),
        linkedResearchVersion: maybe(plainText),
        linkedSpecVersion: maybe(plainText),
        generatedDate: maybe(plainText),
        generatedBy: maybe(plainText),
        effort: maybe(
          fc
            .record({
              storyPoints: maybe(fc.nat(500)),
              hours: maybe(fc.nat(5000)),
            })
            .map(withoutUndefined)
            .filter(e => Object.keys(e).length > 0),
        ),
        status: maybe(
          fc.constantFrom<PlanStatus>(
            'DRAFT',
            'REVIEW',
            'APPROVED',
            'IN_PROGRESS',
            'COMPLETE',
          ),
        ),
      })
      .map(withoutUndefined),
    overview: fc
      .record({
        summary: maybe(plainText),
        technicalSuccess: text(),
        businessSuccess: text(),
      })
      .map(withoutUndefined),
    layers: fc.uniqueArray(layerName, { maxLength: 4 }),
    phases: fc.array(
      fc.record({
        title: plainText,
        steps: fc.array(
          fc.record({
            title: plainText,
            objects: fc.array(
              fc
                .record({
                  name: identifier,
                  file: maybe(path),
                  definition: maybe(plainText),
                  dependencies: fc.array(identifier, { maxLength: 3 }),
                })
                .map(withoutUndefined),
              { maxLength: 3 },
            ),
            files: fc.array(path, { maxLength: 3 }),
            commands: text(3),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 3 },
    ),
    tests: fc
      .tuple(tests('unit'), tests('integration'), tests('validation'))
      .map(([a, b, c]) => [...a, ...b, ...c]),
    testSequence: text(),
    deployment: fc.record({
      sequence: fc.array(
        fc.record({
          order: fc.nat(50),
          objectType: plainText,
          layer: plainText,
          validationStep: plainText,
        }),
        { maxLength: 4 },
      ),
      scripts: fc.array(
        fc
          .record({
            script: path,
            purpose: maybe(plainText),
            validation: maybe(path),
          })
          .map(withoutUndefined),
        { maxLength: 2 },
      ),
    }),
    rollback: fc
      .record({
        triggers: text(),
        scenarios: fc.array(
          fc.record({
            description: plainText,
            steps: text(3),
            commands: text(3),
          }),
          { maxLength: 2 },
        ),
        backupSteps: text().map(steps =>
          steps.filter(step => !/^(backup\s+)?location\s*:/i.test(step)),
        ),
        backupLocation: maybe(path),
      })
      .map(withoutUndefined),
    validation: fc.record({
      technical: fc.array(
        fc
          .record({
            criteria: plainText,
            measurement: maybe(plainText),
            target: maybe(plainText),
            actual: maybe(plainText),
          })
          .map(withoutUndefined),
        { maxLength: 4 },
      ),
      business: fc.array(
        fc
          .record({
            criteria: plainText,
            target: maybe(plainText),
            actual: maybe(plainText),
          })
          .map(withoutUndefined),
        { maxLength: 3 },
      ),
    }),
    resources: fc.array(
      fc
        .record({
          resource: plainText,
          size: maybe(plainText),
          duration: maybe(plainText),
          purpose: maybe(plainText),
        })
        .map(withoutUndefined),
      { maxLength: 3 },
    ),
    contextManagement: fc
      .record({ maxContextUsage: maybe(plainText), strategy: text() })
      .map(withoutUndefined),
    risks: fc.array(
      fc
        .record({
          risk: plainText,
          probability: level,
          impact: level,
          mitigation: maybe(plainText),
        })
        .map(withoutUndefined),
      { maxLength: 4 },
    ),
    contingencies: fc.array(
      fc.record({ trigger: plainText, actions: text(3) }),
      {
        maxLength: 2,
      },
    ),
    approvals: fc.record({
      reviewers: fc.array(
        fc
          .record({
            name: plainText,
            role: maybe(plainText),
            date: maybe(plainText),
            status: maybe(
              fc.constantFrom(
                'PENDING' as const,
                'APPROVED' as const,
                'REJECTED' as const,
              ),
            ),
            comments: maybe(plainText),
          })
          .map(withoutUndefined),
        { maxLength: 3 },
      ),
      execution: fc
        .record({
          approved: maybe(fc.boolean()),
          approvedBy: maybe(plainText),
          date: maybe(plainText),
          scheduledStart: maybe(plainText),
          expectedCompletion: maybe(plainText),
        })
        .map(withoutUndefined),
    }),
  })
  .map(draft => draft as PlanDraft);
