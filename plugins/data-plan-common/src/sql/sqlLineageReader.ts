import { readSqlLineage, SqlLineage } from './readSqlLineage';

/**
 * Something that reads what a SQL file creates and uses. Every reader answers for any text
 * and never throws: what it cannot read is left out of the answer, never guessed.
 *
 * @public
 */
export interface SqlLineageReader {
  /** What `sql`, a file's text, creates and uses. */
  read(sql: string): SqlLineage;
}

/**
 * The tolerant reader, {@link readSqlLineage}: linear in the text on any input and
 * isomorphic. The Node-only reader that parses statements first is `AstSqlLineageReader`
 * from `@dataplan/plugin-data-plan-common/sql-parser`.
 *
 * @public
 */
export const tolerantSqlLineageReader: SqlLineageReader = {
  read: readSqlLineage,
};
