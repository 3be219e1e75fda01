import {
  SUMMARY_FIELDS,
  SummaryField,
} from '@dataplan/plugin-data-plan-common';

/** A JSON schema object of the OpenAPI document. */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({
  $ref: `#/components/schemas/${name}`,
});

function isField(value: object): value is SummaryField {
  return 'type' in value && 'source' in value;
}

function valueSchema(field: SummaryField): Schema {
  switch (field.type) {
    case 'status':
      return ref('PlanStatus');
    case 'riskMatrix':
      return ref('RiskMatrix');
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'text':
      return { type: 'string' };
    default:
      return { type: 'number' };
  }
}

function fieldSchema(field: SummaryField): Schema {
  const schema = valueSchema(field);
  // A $ref takes no siblings in OpenAPI 3.0.
  return field.description && !schema.$ref
    ? { ...schema, description: field.description }
    : schema;
}

/** An object schema of the listed fields of a group, in table order. */
function groupSchema(group: object, description?: string): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, value] of Object.entries(group)) {
    if (isField(value)) {
      if (!value.listed) continue;
      properties[name] = fieldSchema(value);
      if (!value.optional) required.push(name);
    } else {
      const schema = groupSchema(value);
      properties[name] = schema;
      // A group of optional fields only is absent when none has a value.
      if (schema.required) required.push(name);
    }
  }
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    // OpenAPI 3.0 wants a list of at least one, or none.
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/**
 * Component schemas that `yarn openapi:generate` writes into openapi.yaml from the tables
 * they come from: `PlanSummary` from data-plan-common's `SUMMARY_FIELDS`.
 */
export const GENERATED_SCHEMAS: Record<string, Schema> = {
  PlanSummary: groupSchema(
    SUMMARY_FIELDS,
    'One data project in the plan list.',
  ),
};
