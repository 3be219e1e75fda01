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
