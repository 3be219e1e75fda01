import { createApp } from '@backstage/frontend-defaults';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogImportPlugin from '@backstage/plugin-catalog-import/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import dataPlanPlugin from '@dataplan/plugin-data-plan/alpha';

export default createApp({
  features: [
    catalogPlugin,
    scaffolderPlugin,
    catalogImportPlugin,
    apiDocsPlugin,
    dataPlanPlugin,
  ],
});
