import { Entity } from '@backstage/catalog-model';
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';

const examples = resolve(__dirname, '../../../../examples/data-projects');

/** A folder the tests write projects into, such as a `createMockDirectory()`. */
interface Folder {
  resolve(...paths: string[]): string;
}

/** Copies the repository's sample project `sample` to `projects/<name>` under `root`. */
export function copySampleProject(root: Folder, sample: string, name = sample) {
  cpSync(`${examples}/${sample}`, root.resolve(`projects/${name}`), {
    recursive: true,
  });
}

/** The data-project entity the catalog would register from `projects/<name>` under `root`. */
export function dataProjectEntity(
  root: Folder,
  name: string,
  owner = 'group:default/sales-analytics',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${root.resolve(
          `projects/${name}/catalog-info.yaml`,
        )}`,
      },
    },
    spec: { type: 'data-project', owner },
  };
}
