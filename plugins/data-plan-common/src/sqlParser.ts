/**
 * The Node-only SQL lineage reader, which parses statements with node-sql-parser's
 * Snowflake grammar before it falls back to the tolerant reader. Kept apart from the main
 * entry so that the frontend bundle never loads the parser.
 *
 * @packageDocumentation
 */

export { AstSqlLineageReader } from './sql/astSqlLineageReader';
export type { AstSqlLineageReaderOptions } from './sql/astSqlLineageReader';
// What its answers are made of, as the main entry exports them.
export { SQL_REFERENCE_CLAUSES } from './sql/readSqlLineage';
export type { ObjectIdentifier } from './plan/identifiers';
export type {
  SqlClone,
  SqlCreatedObject,
  SqlDroppedObject,
  SqlInclude,
  SqlLineage,
  SqlReference,
  SqlReferenceClause,
} from './sql/readSqlLineage';
export type { SqlLineageReader } from './sql/sqlLineageReader';
