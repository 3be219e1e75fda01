import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The data-project template of this repository. */
export const templateDir = resolve(
  __dirname,
  '../../../../../templates/data-project',
);

/** A folder's files as the scaffolder's dry-run endpoint takes them. */
export function directoryContents(
  dir: string,
  root = dir,
): Array<{ path: string; base64Content: string }> {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return directoryContents(path, root);
    return [
      {
        path: relative(root, path),
        base64Content: readFileSync(path).toString('base64'),
      },
    ];
  });
}

/** What a person enters in the template's form. */
export const formValues = {
  name: 'sales-orders',
  title: 'Sales Orders Pipeline',
  description: 'Daily sales from point-of-sale orders.',
  owner: 'group:default/sales-analytics',
  database: 'SALES_DB',
  warehouse: 'TRANSFORM_XS',
  warehouseSize: 'X-SMALL',
  layers: ['raw', 'transformation', 'consumption'],
  objects: [
    { name: 'ORDERS_RAW', layer: 'raw', kind: 'table' },
    { name: 'CUSTOMERS_RAW', layer: 'raw', kind: 'table' },
    {
      name: 'ORDERS_CLEAN',
      layer: 'transformation',
      kind: 'table',
      dependencies: 'ORDERS_RAW',
    },
    {
      name: 'DAILY_SALES',
      layer: 'consumption',
      kind: 'view',
      dependencies: 'ORDERS_CLEAN, CUSTOMERS_RAW',
    },
    {
      name: 'REFRESH_ORDERS',
      layer: 'transformation',
      kind: 'task',
      dependencies: 'ORDERS_CLEAN',
    },
  ],
  risks: [
    { risk: 'Late-arriving orders', probability: 'high', impact: 'high' },
  ],
  reviewers: [{ name: 'Alice Moreau', role: 'Platform Lead' }],
  destination: 'local',
};
