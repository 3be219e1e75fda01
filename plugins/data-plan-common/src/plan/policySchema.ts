/*
 * The schemas of a policy and of an organisation's scoped policies, for whatever reads
 * one from outside (app-config, a file, a request): unknown keys are errors, and the one
 * error thrown names the field.
 */
import { z } from 'zod';
import {
  DEFAULT_POLICY_NAME,
  normalizeRef,
  PolicyConfig,
} from './policyConfig';
import { describeIssue, Issue, must, strict } from './schemaIssues';
import { PlanPolicy, STATUS_GATE_CONDITIONS } from './policy';
import { MAX_RISK_SCORE } from './riskScore';
import { LEVELS, PLAN_SECTION_KEYS, PLAN_STATUSES, SEVERITIES } from './types';

/**
 * A policy that does not fit its schema. The message is where and what, e.g.
 * `policy.severities.placeholder must be one of error, warning, info, off`.
 *
 * @public
 */
export class PolicyError extends Error {
  /** Always `PolicyError`. */
  readonly name = 'PolicyError';
  /** Where: `severities.placeholder`, `scopes[0].match.owner`; empty for the policy itself. */
  readonly field: string;
  /** What is wrong. */
  readonly reason: string;

  constructor(field: string, reason: string) {
    const at = field === '' || field.startsWith('[') ? field : `.${field}`;
    super(`policy${at} ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

/** The same optional value for each status, as a strict object keyed by status. */
function byStatus<T extends z.ZodType>(value: T, what: string) {
  const shape = Object.fromEntries(
    PLAN_STATUSES.map(status => [status, value.optional()]),
  ) as Record<(typeof PLAN_STATUSES)[number], z.ZodOptional<T>>;
  return strict(shape, what, 'a plan status');
}

function oneOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

function wholeNumber(from: number, to?: number) {
  const why =
    to === undefined
      ? `must be a whole number, at least ${from}`
      : `must be a whole number from ${from} to ${to}`;
  const atLeast = z.int({ error: why }).min(from, { error: why });
  return to === undefined ? atLeast : atLeast.max(to, { error: why });
}

const text = z.string({ error: must('must be text') });
const flag = z.boolean({ error: 'must be true or false' });

const RULE_SETTINGS = [...SEVERITIES, 'off'] as const;

const statusGateSchema = strict(
  {
    minApprovedReviewers: wholeNumber(0).optional(),
    executionApproved: flag.optional(),
    allCriteriaPass: flag.optional(),
  } satisfies Record<(typeof STATUS_GATE_CONDITIONS)[number], z.ZodType>,
  'a gate: an object of conditions',
  'a gate condition',
);

const requiredSectionsSchema = z
  .array(oneOf(PLAN_SECTION_KEYS), { error: 'must be a list of section keys' })
  .superRefine((sections, ctx) => {
    const seen = new Set<string>();
    sections.forEach((section, index) => {
      if (seen.has(section)) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `names ${section} a second time`,
        });
      }
      seen.add(section);
    });
  });

/**
 * The schema of a {@link PlanPolicy}: every field's type and range, unknown keys refused.
 *
 * @public
 */
export const planPolicySchema: z.ZodType<PlanPolicy> = strict(
  {
    severities: z
      .record(text, oneOf(RULE_SETTINGS), {
        error: 'must be an object of rule ids and severities',
      })
      .optional(),
    validationTargets: z
      .record(text, text, {
        error: 'must be an object of criterion names and targets',
      })
      .optional(),
    mitigationRequiredFrom: oneOf(LEVELS).optional(),
    highRiskScore: wholeNumber(1, MAX_RISK_SCORE).optional(),
    requiredSections: requiredSectionsSchema.optional(),
    statusGates: byStatus(
      statusGateSchema,
      'an object of gates by plan status',
    ).optional(),
    maxWaiverDays: wholeNumber(1).optional(),
    stuckAfterDays: byStatus(
      wholeNumber(1),
      'an object of days by plan status',
    ).optional(),
  },
  'an object',
  'a policy field',
);

function entityRefs(defaultKind: 'group' | 'system') {
  const example = `${defaultKind}:default/name`;
  const ref = text.refine(
    value => normalizeRef(value, defaultKind) !== undefined,
    {
      error: `must be an entity ref, e.g. ${example}`,
    },
  );
  return z.union(
    [ref, z.array(ref).min(1, { error: 'must name at least one' })],
    { error: `must be an entity ref (e.g. ${example}) or a list of them` },
  );
}

const nonEmptyText = text.refine(value => value.trim() !== '', {
  error: 'must not be empty',
});

const policyMatchSchema = strict(
  {
    owner: entityRefs('group').optional(),
    system: entityRefs('system').optional(),
    lifecycle: z
      .union(
        [
          nonEmptyText,
          z.array(nonEmptyText).min(1, { error: 'must name at least one' }),
        ],
        { error: 'must be a lifecycle or a list of them' },
      )
      .optional(),
    tags: z
      .array(nonEmptyText, { error: 'must be a list of tags' })
      .min(1, { error: 'must name at least one' })
      .optional(),
  },
  'an object of owner, system, lifecycle and tags',
  'a match field',
);

const policyScopeSchema = strict(
  {
    name: nonEmptyText.refine(name => name !== DEFAULT_POLICY_NAME, {
      error: 'must not be default, the name of the policy without a scope',
    }),
    match: policyMatchSchema,
    policy: planPolicySchema,
  },
  'an object with name, match and policy',
  'a scope field',
);

/**
 * The schema of a {@link PolicyConfig}: the default policy and the scopes, each with a
 * unique name.
 *
 * @public
 */
export const policyConfigSchema: z.ZodType<PolicyConfig> = strict(
  {
    default: planPolicySchema.optional(),
    scopes: z
      .array(policyScopeSchema, { error: 'must be a list of scopes' })
      .superRefine((scopes, ctx) => {
        const seen = new Set<string>();
        scopes.forEach((scope, index) => {
          if (seen.has(scope.name)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'name'],
              message: `must be unique: another scope is named ${scope.name}`,
            });
          }
          seen.add(scope.name);
        });
      })
      .optional(),
  },
  'an object with default and scopes',
  'a policy config field',
);

function policyError(issue: Issue): PolicyError {
  const { field, reason } = describeIssue(issue);
  return new PolicyError(field, reason);
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw policyError(result.error.issues[0]);
}

/**
 * Checks a policy read from outside against {@link planPolicySchema} and returns it.
 * Throws a {@link PolicyError} that names the first field that is wrong.
 *
 * @public
 */
export function parsePlanPolicy(value: unknown): PlanPolicy {
  return parseWith(planPolicySchema, value);
}

/**
 * Checks scoped policies read from outside against {@link policyConfigSchema} and returns
 * them. Throws a {@link PolicyError} that names the first field that is wrong.
 *
 * @public
 */
export function parsePolicyConfig(value: unknown): PolicyConfig {
  return parseWith(policyConfigSchema, value);
}
