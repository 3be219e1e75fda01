export { readSqlLineage, SQL_REFERENCE_CLAUSES } from './readSqlLineage';
export type {
  SqlClone,
  SqlCreatedObject,
  SqlDroppedObject,
  SqlInclude,
  SqlLineage,
  SqlReference,
  SqlReferenceClause,
} from './readSqlLineage';
export { tolerantSqlLineageReader } from './sqlLineageReader';
export type { SqlLineageReader } from './sqlLineageReader';
export {
  isSqlLineageRule,
  SQL_LINEAGE_RULES,
  SQL_LINEAGE_RULE_SEVERITIES,
} from './lineageRuleIds';
export type { SqlLineageRule } from './lineageRuleIds';
export { checkSqlLineage } from './lineageRules';
export type {
  CheckSqlLineageOptions,
  SqlLineageCheck,
  SqlObjectLineage,
  SqlObjectUse,
} from './lineageRules';
