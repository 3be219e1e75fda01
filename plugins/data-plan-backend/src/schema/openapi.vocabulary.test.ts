import {
  CRITERION_RESULTS,
  HISTORY_BACKFILL_STATES,
  LEVELS,
  MAX_RULE_ID_LENGTH,
  NO_STATUS,
  PLAN_LIST_LIMITS,
  PLAN_TREND_LIMITS,
  PLAN_SORT_KEYS,
  PLAN_STATUSES,
  RULE_ID_PATTERN,
  ROLLUP_DIMENSIONS,
  ROLLUP_LIMITS,
  SEVERITIES,
  SORT_ORDERS,
  TREND_INTERVALS,
} from '@dataplan/plugin-data-plan-common';
import { spec } from './openapi.generated';

// The document states the vocabulary and the query bounds for its validator and readers;
// data-plan-common holds them for the code. They must say the same.
describe('openapi.yaml and the vocabulary of data-plan-common', () => {
  const { schemas, parameters } = spec.components;
  const keys = (schema: { properties: object }) =>
    Object.keys(schema.properties);

  it('has the statuses, severities, levels, sort keys and orders, intervals and backfill states, in their order', () => {
    expect(schemas.PlanStatus.enum).toEqual(PLAN_STATUSES);
    expect(schemas.Severity.enum).toEqual(SEVERITIES);
    expect(schemas.Level.enum).toEqual(LEVELS);
    expect(schemas.PlanSortKey.enum).toEqual(PLAN_SORT_KEYS);
    expect(parameters.order.schema.enum).toEqual(SORT_ORDERS);
    expect(schemas.TrendInterval.enum).toEqual(TREND_INTERVALS);
    expect(schemas.HistoryBackfillState.enum).toEqual(HISTORY_BACKFILL_STATES);
  });

  it('counts by every severity, level, status and criterion result', () => {
    expect(keys(schemas.SeverityCounts)).toEqual(SEVERITIES);
    expect(schemas.SeverityCounts.required).toEqual(SEVERITIES);
    expect(keys(schemas.LevelCounts)).toEqual(LEVELS);
    expect(schemas.LevelCounts.required).toEqual(LEVELS);
    const facets = schemas.PlanFacetsResponse.properties;
    // One shape of risk matrix, in the facets and in an evaluation.
    expect(facets.riskMatrix.$ref).toBe('#/components/schemas/RiskMatrix');
    expect(
      schemas.PlanEvaluationWithoutFindings.properties.risks.properties.matrix
        .$ref,
    ).toBe('#/components/schemas/RiskMatrix');
    expect(facets.byStatus.$ref).toBe('#/components/schemas/StatusCounts');
    expect(keys(schemas.StatusCounts)).toEqual([...PLAN_STATUSES, NO_STATUS]);
    expect(keys(schemas.RiskMatrix)).toEqual(LEVELS);
    expect(schemas.RiskMatrix.required).toEqual(LEVELS);
    const counts =
      schemas.PlanEvaluationWithoutFindings.properties.validation.properties
        .counts;
    expect(keys(counts)).toEqual(CRITERION_RESULTS);
    expect(counts.required).toEqual(CRITERION_RESULTS);
  });

  it('bounds the list query as data-plan-common says', () => {
    expect(parameters.limit.schema.maximum).toBe(PLAN_LIST_LIMITS.maxPageSize);
    expect(parameters.limit.description).toBe(
      `Page size, ${PLAN_LIST_LIMITS.defaultPageSize} when not given.`,
    );
    expect(parameters.text.schema.maxLength).toBe(
      PLAN_LIST_LIMITS.maxTextLength,
    );
    expect(parameters.owner.schema.maxItems).toBe(PLAN_LIST_LIMITS.maxOwners);
    expect(parameters.owner.schema.items.maxLength).toBe(
      PLAN_LIST_LIMITS.maxOwnerLength,
    );
    expect(parameters.cursor.schema.maxLength).toBe(
      PLAN_LIST_LIMITS.maxCursorLength,
    );
    expect(parameters.status.schema.maxItems).toBe(PLAN_STATUSES.length);
  });

  it('states rule ids and the top findings as data-plan-common bounds them', () => {
    expect(schemas.RuleId.pattern).toBe(RULE_ID_PATTERN);
    expect(schemas.RuleId.maxLength).toBe(MAX_RULE_ID_LENGTH);
    expect(parameters.rule.schema.$ref).toBe('#/components/schemas/RuleId');
    const rules = schemas.PlanFacetsResponse.properties.rules;
    expect(rules.maxItems).toBe(PLAN_LIST_LIMITS.topRules);
    expect(rules.description).toContain(
      `at most ${PLAN_LIST_LIMITS.topRules}.`,
    );
    expect(rules.items.properties.rule.$ref).toBe(
      '#/components/schemas/RuleId',
    );
  });

  it('has the roll-up dimensions, and bounds roll-ups and their filters as data-plan-common says', () => {
    expect(schemas.RollupDimension.enum).toEqual(ROLLUP_DIMENSIONS);
    expect(parameters.rollupBy.schema.$ref).toBe(
      '#/components/schemas/RollupDimension',
    );
    expect(schemas.PlanRollupResponse.description).toContain(
      `at most ${ROLLUP_LIMITS.maxRows} rows`,
    );
    expect(parameters.system.schema.maxLength).toBe(ROLLUP_LIMITS.maxRefLength);
    expect(parameters.group.schema.maxLength).toBe(ROLLUP_LIMITS.maxRefLength);
  });

  it('states the default days of a trend as data-plan-common has them', () => {
    expect(parameters.from.description).toBe(
      `The trend's first day (UTC), ${PLAN_TREND_LIMITS.defaultDays} days before \`to\` when not given.`,
    );
  });
});

describe('the list routes of openapi.yaml', () => {
  // The filters of the list, from PlanListFilters' source: the facets' parameters.
  const filtersOf = (path: string) =>
    (
      (spec.paths as Record<string, any>)[path].get.parameters as Array<{
        $ref: string;
      }>
    )
      .map(p => p.$ref.split('/').pop()!)
      .filter(
        name =>
          ![
            'rollupBy',
            'sort',
            'order',
            'limit',
            'cursor',
            'from',
            'to',
            'interval',
          ].includes(name),
      );

  it.each(['/plans', '/plans/rollup', '/plans/export.csv', '/plans/trends'])(
    '%s takes every filter the facets take',
    path => {
      expect(filtersOf(path)).toEqual(filtersOf('/plans/facets'));
    },
  );
});
