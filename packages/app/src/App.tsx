import { createApp } from '@backstage/frontend-defaults';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogImportPlugin from '@backstage/plugin-catalog-import/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import dataPlanPlugin from '@dataplan/plugin-data-plan/alpha';

export default createApp({
  features: [
    catalogPlugin,
    scaffolderPlugin,
    catalogImportPlugin,
    apiDocsPlugin,
    notificationsPlugin,
    signalsPlugin,
    dataPlanPlugin,
  ],
});
