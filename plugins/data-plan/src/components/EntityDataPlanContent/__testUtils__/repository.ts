import {
  checkRepository,
  inMemoryProjectFiles,
  PlanDetailsResponse,
  RepositoryEvaluation,
} from '@dataplan/plugin-data-plan-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { planResponse, samplePlanText } from './fixtures';

const EXAMPLES = resolve(__dirname, '../../../../../../examples/data-projects');

/** A sample project's files, path to text, as the repository check reads them. */
function sampleFiles(name: string): Map<string, string> {
  const root = join(EXAMPLES, name);
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const projectPath = relative(root, path).split(sep).join('/');
        files.set(projectPath, readFileSync(path, 'utf8'));
      }
    }
  };
  walk(root);
  return files;
}

/**
 * The response for the sales-orders sample after a repository check of its files, built
 * as the backend builds it: the report without its findings as `repository`, the findings
 * among the response's diagnostics.
 */
export async function checkedPlanResponse(): Promise<PlanDetailsResponse> {
  const response = planResponse(samplePlanText('sales-orders'));
  const { findings, ...repository } = await checkRepository(
    response.plan!,
    inMemoryProjectFiles(sampleFiles('sales-orders')),
  );
  return {
    ...response,
    repository,
    diagnostics: [...response.diagnostics, ...findings],
  };
}

/**
 * A small repository evaluation: a table with everything, a view without its test, its
 * deploy or its rollback, a task without a safe file; one orphan.
 */
export const repositoryEvaluation: RepositoryEvaluation = {
  lineage: [],
  objects: [
    {
      key: 'object:sales_db.raw.orders_raw',
      name: 'SALES_DB.RAW.ORDERS_RAW',
      kind: 'table',
      layer: 'raw',
      file: 'src/raw/tables/orders_raw.sql',
      fileExists: true,
      testPath: 'tests/unit/raw/orders_raw.sql',
      testExists: true,
      deployed: true,
      rollback: true,
      backup: true,
    },
    {
      key: 'object:sales_db.consumption.daily_sales',
      name: 'SALES_DB.CONSUMPTION.DAILY_SALES',
      kind: 'view',
      layer: 'consumption',
      file: 'src/consumption/views/daily_sales.sql',
      fileExists: false,
      testPath: 'tests/unit/consumption/daily_sales.sql',
      testExists: false,
      deployed: false,
      rollback: false,
      backup: null,
    },
    {
      key: 'object:refresh task',
      name: 'Refresh task',
      fileExists: false,
      testExists: false,
      deployed: false,
      rollback: false,
      backup: null,
    },
  ],
  orphans: ['src/consumption/views/weekly_sales.sql'],
  listing: { paths: 42, truncated: false },
  figures: {
    filesPlanned: 3,
    filesPresent: 1,
    unitTestCoverage: 1 / 3,
    unitTestCoverageByLayer: { raw: 1, consumption: 0 },
    deployCoverage: 1 / 3,
    rollbackCoverage: 1,
  },
};
