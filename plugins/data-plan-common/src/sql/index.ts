export { readSqlLineage, SQL_REFERENCE_CLAUSES } from './readSqlLineage';
export type {
  SqlCreatedObject,
  SqlLineage,
  SqlReference,
  SqlReferenceClause,
} from './readSqlLineage';
