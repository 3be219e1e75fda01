/*
 * One backend replica for plugin.replicas.test.ts, run as its own process: backend-defaults'
 * real services (scheduler, database, logger) with the data-plan and notifications plugins
 * and an in-memory catalog holding the entities of the JSON file named by
 * DATA_PLAN_REPLICA_ENTITIES. Config comes from the `--config` arguments.
 */
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readFileSync } from 'node:fs';
import { dataPlanPlugin } from '../plugin';

const entities = JSON.parse(
  readFileSync(process.env.DATA_PLAN_REPLICA_ENTITIES!, 'utf8'),
);

const backend = createBackend();
backend.add(
  createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => new InMemoryCatalogClient({ entities }),
  }),
);
backend.add(dataPlanPlugin);
// Where the data-plan plugin sends its notices, resolving their recipients in the catalog.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.start().catch(error => {
  process.stderr.write(`replica failed to start: ${error.stack ?? error}\n`);
  process.exit(1);
});
