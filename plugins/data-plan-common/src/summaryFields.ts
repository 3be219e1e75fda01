import { PlanEvaluation } from './plan/evaluatePlan';
import { RiskMatrix } from './plan/riskMatrix';
import { coveragePercent, driftCount } from './repository/repositoryEvaluation';
import {
  CRITERION_RESULTS,
  CriterionResult,
  ParsedPlan,
  PlanDiagnostic,
  PlanStatus,
  SEVERITIES,
  Severity,
} from './plan/types';

/**
 * What a summary value is: a count, a text, a plan status, a time (ISO 8601 in a summary),
 * or a risk matrix.
 *
 * @public
 */
export type SummaryValueType =
  | 'integer'
  | 'text'
  | 'status'
  | 'timestamp'
  | 'riskMatrix';

/**
 * The value a summary holds for a {@link SummaryValueType}.
 *
 * @public
 */
export type SummaryValue<T extends SummaryValueType> = {
  integer: number;
  text: string;
  status: PlanStatus;
  timestamp: string;
  riskMatrix: RiskMatrix;
}[T];

/**
 * Where a summary value comes from:
 * - `entity`: the catalog entity, written with the project's identity;
 * - `refresh`: the last read, whatever it found;
 * - `plan`: computed from the plan and its evaluation whenever a new result is stored;
 * - `daysSince`: how many days (UTC calendar days) ago the field `of` (a dotted key) took
 *   its current value: the time it changed is stored when a new result changes it, and the
 *   days are counted when the summary is read;
 * - `policy`: the name of the policy the stored result was evaluated under, written with
 *   the result;
 * - `stuck`: when the plan counts as stuck (`stuckFrom` of its status's start and the
 *   policy's limit), written with the result; a summary gives it only once that time has
 *   come, so that nothing is written as days pass.
 *
 * @public
 */
export type SummarySource<T extends SummaryValueType> =
  | { kind: 'entity' }
  | { kind: 'refresh' }
  | { kind: 'policy' }
  | { kind: 'stuck' }
  | {
      kind: 'plan';
      compute(
        plan: ParsedPlan,
        evaluation: PlanEvaluation,
      ): SummaryValue<T> | undefined;
    }
  | { kind: 'daysSince'; of: string };

/**
 * One value of a project's summary: how it is typed, where it comes from, how it is
 * stored, listed and exported.
 *
 * @public
 */
export interface SummaryField<T extends SummaryValueType = SummaryValueType> {
  type: T;
  /** Whether a summary may lack it (a NULL column). */
  optional: boolean;
  /** Whether `GET /plans` lists it; a value only the facets read is not listed. */
  listed: boolean;
  /**
   * Its column in the backend's projects table. A risk matrix takes one column per cell,
   * `<column>_<probability>_<impact>`; a `daysSince` value holds the time of the change.
   */
  column: string;
  /** Its header in the CSV export, which leaves out a value without one. */
  csv?: string;
  /** What it means, for the OpenAPI document. */
  description?: string;
  source: SummarySource<T>;
}

type FieldOptions = Omit<
  SummaryField,
  'type' | 'source' | 'optional' | 'listed'
> & {
  optional?: boolean;
  listed?: boolean;
};

function field<T extends SummaryValueType>(
  type: T,
  source: SummarySource<T>,
  options: FieldOptions,
): SummaryField<T> {
  const { optional = false, listed = true, ...rest } = options;
  return { type, source, optional, listed, ...rest };
}

const fromEntity = { kind: 'entity' } as const;
const fromRefresh = { kind: 'refresh' } as const;
function fromPlan<T extends SummaryValueType>(
  compute: (
    plan: ParsedPlan,
    evaluation: PlanEvaluation,
  ) => SummaryValue<T> | undefined,
): SummarySource<T> {
  return { kind: 'plan', compute };
}

/** A repository coverage figure as a whole percentage, stored and exported as `column`. */
function coverageField(
  figure: 'unitTestCoverage' | 'deployCoverage' | 'rollbackCoverage',
  column: string,
  description: string,
): SummaryField<'integer'> {
  return field(
    'integer',
    fromPlan((_, evaluation) =>
      coveragePercent(evaluation.repository?.figures[figure]),
    ),
    { column, csv: column, optional: true, description },
  );
}

function countWaived(list: readonly PlanDiagnostic[]): number {
  let count = 0;
  for (const item of list) if (item.waiver !== undefined) count++;
  return count;
}

/** One field per word of a vocabulary list, keyed by the word. */
function byEach<K extends string, F>(
  words: readonly K[],
  make: (word: K) => F,
): Record<K, F> {
  return Object.fromEntries(words.map(word => [word, make(word)])) as Record<
    K,
    F
  >;
}

/**
 * The summary of a data project, one entry per value, in the shape of {@link PlanSummary}
 * and in the order of the CSV export. The backend derives from it the stored summary
 * columns, the list response, the facets' sums and the CSV export; the OpenAPI document's
 * `PlanSummary`, and so the `PlanSummary` type, is written from it by
 * `yarn openapi:generate`. A new metric is one entry here and a migration that adds its
 * column.
 *
 * @public
 */
export const SUMMARY_FIELDS = {
  entityRef: field('text', fromEntity, {
    column: 'entity_ref',
    csv: 'entity_ref',
  }),
  title: field('text', fromEntity, {
    column: 'title',
    csv: 'title',
    optional: true,
  }),
  owner: field('text', fromEntity, {
    column: 'owner',
    csv: 'owner',
    optional: true,
  }),
  status: field(
    'status',
    fromPlan(plan => plan.metadata.status),
    { column: 'status', csv: 'status', optional: true },
  ),
  planVersion: field(
    'text',
    fromPlan(plan => plan.metadata.planVersion),
    { column: 'plan_version', csv: 'plan_version', optional: true },
  ),
  objects: field(
    'integer',
    fromPlan(plan => plan.objects.length),
    { column: 'object_count', csv: 'objects' },
  ),
  risks: {
    total: field(
      'integer',
      fromPlan(plan => plan.risks.length),
      { column: 'risk_total', csv: 'risks' },
    ),
    high: field(
      'integer',
      fromPlan((_, evaluation) => evaluation.risks.highRisks),
      { column: 'risk_high', csv: 'high_risks' },
    ),
    unmitigated: field(
      'integer',
      fromPlan((_, evaluation) => evaluation.risks.unmitigated.length),
      { column: 'risk_unmitigated', csv: 'unmitigated_high_impact_risks' },
    ),
    topScore: field(
      'integer',
      fromPlan((_, evaluation) => evaluation.risks.topScore),
      { column: 'risk_top_score', csv: 'top_risk_score', optional: true },
    ),
  },
  validation: byEach(CRITERION_RESULTS, (result: CriterionResult) =>
    field(
      'integer',
      fromPlan((_, evaluation) => evaluation.validation.counts[result]),
      { column: `validation_${result}`, csv: `validation_${result}` },
    ),
  ),
  findings: {
    ...byEach(SEVERITIES, (severity: Severity) =>
      field(
        'integer',
        fromPlan((_, evaluation) => evaluation.summary.counts[severity]),
        // The export counts errors and warnings, not info.
        {
          column: `${severity}_count`,
          csv: severity === 'info' ? undefined : `${severity}s`,
        },
      ),
    ),
    waived: field(
      'integer',
      fromPlan(
        (_, evaluation) =>
          countWaived(evaluation.diagnostics) +
          countWaived(evaluation.findings),
      ),
      {
        column: 'waived_count',
        csv: 'waived',
        description:
          'Findings a waiver of the waiver file waives: listed, and counted in no severity.',
      },
    ),
  },
  lastRefreshedAt: field('timestamp', fromRefresh, {
    column: 'last_refreshed_at',
    csv: 'last_refreshed_at',
    optional: true,
  }),
  lastError: field('text', fromRefresh, {
    column: 'last_error',
    csv: 'last_error',
    optional: true,
  }),
  daysInStatus: field(
    'integer',
    { kind: 'daysSince', of: 'status' },
    {
      column: 'status_since',
      csv: 'days_in_status',
      optional: true,
      description: 'Days (UTC calendar days) since the plan took its status.',
    },
  ),
  policy: field(
    'text',
    { kind: 'policy' },
    {
      column: 'policy_name',
      csv: 'policy',
      optional: true,
      description:
        'The policy the plan was evaluated under: the name of the scope of `dataPlan.policy` the project matched, or `default`.',
    },
  ),
  stuckSince: field(
    'timestamp',
    { kind: 'stuck' },
    {
      column: 'stuck_from',
      csv: 'stuck_since',
      optional: true,
      description:
        'Since when the plan is stuck: in its status for more days than the policy allows for it (`stuckAfterDays`). Only given once it is.',
    },
  ),
  // After the older fields, so that the export's columns keep their places.
  system: field('text', fromEntity, {
    column: 'system',
    csv: 'system',
    optional: true,
    description:
      'Entity ref of the system the project belongs to (`spec.system`), in lower case.',
  }),
  // The plan against the repository: from the project's last repository check, none before.
  repository: {
    findings: field(
      'integer',
      fromPlan((_, evaluation) =>
        evaluation.repository ? driftCount(evaluation) : undefined,
      ),
      {
        column: 'repository_findings',
        csv: 'drift',
        optional: true,
        description:
          'Active findings of the drift rules (the repository rules, and SQL that uses or creates other objects than planned): how far the files have strayed from the plan. None until a repository check has read them.',
      },
    ),
    unitTestCoverage: coverageField(
      'unitTestCoverage',
      'unit_test_coverage',
      'Planned objects with a unit test, in percent. None without a repository check or planned objects.',
    ),
    deployCoverage: coverageField(
      'deployCoverage',
      'deploy_coverage',
      'Planned objects the deploy scripts create, in percent. None without a repository check or planned objects.',
    ),
    rollbackCoverage: coverageField(
      'rollbackCoverage',
      'rollback_coverage',
      'Deployed objects the rollback script drops or restores, in percent. None without a repository check or deployed objects.',
    ),
  },
  riskMatrix: field(
    'riskMatrix',
    fromPlan((_, evaluation) => evaluation.risks.matrix),
    { column: 'risk', listed: false },
  ),
};

/**
 * One field of {@link SUMMARY_FIELDS} with where it sits in a summary.
 *
 * @public
 */
export interface SummaryFieldEntry {
  /** Its keys from the summary's root, e.g. `['risks', 'total']`. */
  path: readonly string[];
  /** The same, dotted: `risks.total`. */
  key: string;
  field: SummaryField;
}

function isField(value: object): value is SummaryField {
  return 'type' in value && 'source' in value;
}

function entriesOf(
  tree: object,
  prefix: readonly string[],
): SummaryFieldEntry[] {
  return Object.entries(tree).flatMap(([name, value]) => {
    const path = [...prefix, name];
    return isField(value)
      ? [{ path, key: path.join('.'), field: value }]
      : entriesOf(value, path);
  });
}

/**
 * Every field of {@link SUMMARY_FIELDS}, in table order.
 *
 * @public
 */
export const SUMMARY_FIELD_ENTRIES: readonly SummaryFieldEntry[] = entriesOf(
  SUMMARY_FIELDS,
  [],
);

/**
 * The entry of a field by its dotted key, e.g. `findings.error`.
 *
 * @public
 */
export function summaryFieldEntry(key: string): SummaryFieldEntry {
  const entry = SUMMARY_FIELD_ENTRIES.find(e => e.key === key);
  if (!entry) throw new Error(`No summary field ${key}`);
  return entry;
}
