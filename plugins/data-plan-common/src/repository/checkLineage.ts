import { checkSqlLineage, SqlLineageCheck } from '../sql/lineageRules';
import {
  SqlLineageReader,
  tolerantSqlLineageReader,
} from '../sql/sqlLineageReader';
import { RepositoryContext } from './repositoryContext';
import { SqlLineageRunner } from './repositoryReport';

/**
 * The SQL lineage rules over the planned objects' files that exist: read through the
 * run's reader (within its budget, each file once, shared with the scripts that include
 * it), then compared with the plan by `checkSqlLineage`, here with a reader or elsewhere
 * by a runner. A file that could not be read is the reader's finding and is not checked.
 * Findings come with the rules' own severities; the caller applies the policy.
 */
export async function checkLineage(
  ctx: RepositoryContext,
  using: SqlLineageReader | SqlLineageRunner = tolerantSqlLineageReader,
): Promise<SqlLineageCheck> {
  const { plan, objects, reader, keys } = ctx;
  const sqlByObject = new Map<string, { path: string; text: string }>();
  for (const object of objects) {
    if (!object.file || !object.fileExists || reader.exhausted) continue;
    const text = await reader.text(object.file);
    if (typeof text === 'string') {
      sqlByObject.set(object.key, { path: object.file, text });
    }
  }
  if (sqlByObject.size === 0) return { findings: [], lineage: [] };
  // The lineage names each object by the key its repository findings have.
  const checked = {
    layers: plan.layers,
    objects: plan.objects.map((object, index) => ({
      ...object,
      key: keys[index],
    })),
  };
  return typeof using === 'function'
    ? using(checked, sqlByObject)
    : checkSqlLineage(checked, sqlByObject, using);
}
