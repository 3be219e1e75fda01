import {
  PARSER_VERSION,
  REPOSITORY_CHECK_VERSION,
  REPOSITORY_RULES,
  SQL_LINEAGE_RULES,
} from '@dataplan/plugin-data-plan-common';
import { createHash } from 'node:crypto';

/**
 * The version of the checks a repository report is computed by: the parser's (which reads
 * the plan the files are held against), the checks' and their rules'. A report of another
 * version is computed again even when the plan and the tree are unchanged.
 */
export const CHECK_VERSION = createHash('sha256')
  .update(
    JSON.stringify({
      parser: PARSER_VERSION,
      checks: REPOSITORY_CHECK_VERSION,
      rules: [...REPOSITORY_RULES, ...SQL_LINEAGE_RULES],
    }),
  )
  .digest('hex');
