import { SUMMARY_FIELD_ENTRIES } from '@dataplan/plugin-data-plan-common';
import { spec } from './openapi.generated';
import { GENERATED_SCHEMAS } from './openapiSchemas';

describe('GENERATED_SCHEMAS', () => {
  it('are the schemas openapi.yaml has (`yarn openapi:generate` writes them)', () => {
    for (const [name, schema] of Object.entries(GENERATED_SCHEMAS)) {
      expect(spec.components.schemas).toHaveProperty([name], schema);
    }
  });

  it('give PlanSummary a property for every listed summary field, where the table has it', () => {
    const at = (path: readonly string[]) =>
      path.flatMap(key => ['properties', key]);
    const listed = SUMMARY_FIELD_ENTRIES.filter(e => e.field.listed);
    const unlisted = SUMMARY_FIELD_ENTRIES.filter(e => !e.field.listed);
    expect(unlisted.map(e => e.key)).toEqual(['riskMatrix']);
    for (const { path } of listed) {
      expect(spec.components.schemas.PlanSummary).toHaveProperty(at(path));
    }
    for (const { path } of unlisted) {
      expect(spec.components.schemas.PlanSummary).not.toHaveProperty(at(path));
    }
    expect(spec.components.schemas.PlanSummary.required).toEqual([
      'entityRef',
      'objects',
      'risks',
      'validation',
      'findings',
    ]);
  });
});
