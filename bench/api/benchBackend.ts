/**
 * The backend of bench/api, in its own process: auth (bench sign-in), permission (the
 * ownership policy), catalog (the generated entities), data-plan and notifications, on
 * PostgreSQL.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs benchBackend.ts <config.json> <entities.json> [<scm.json>]
 *
 * Prints `ready` once the entities are handed to the catalog, `cycle <json>` for each
 * refresh cycle of the data-plan plugin and `check <json>` for each of its repository
 * check passes. With `<scm.json>` (a {@link ScmManifest}), the backend's UrlReader is the
 * bench's counting host; each `counts` line on stdin is answered with `counts <json>`,
 * the host's counters so far.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { BenchScm, ScmManifest } from './benchScm';
import {
  BenchEntityProvider,
  benchAuthModule,
  benchCatalogModule,
  benchPolicyModule,
  quietRootLogger,
} from './benchModules';

async function main() {
  const [configPath, entitiesPath, scmPath] = process.argv.slice(2);
  const config = new ConfigReader(JSON.parse(readFileSync(configPath, 'utf8')));
  const provider = new BenchEntityProvider();

  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  backend.add(
    quietRootLogger(
      stats => process.stdout.write(`cycle ${JSON.stringify(stats)}\n`),
      stats => process.stdout.write(`check ${JSON.stringify(stats)}\n`),
    ),
  );
  if (scmPath) {
    const scm = new BenchScm(
      JSON.parse(readFileSync(scmPath, 'utf8')) as ScmManifest,
    );
    // Every plugin reads through the counting host: nothing else answers a URL.
    backend.add(
      createServiceFactory({
        service: coreServices.urlReader,
        deps: {},
        factory: () => scm,
      }),
    );
    createInterface({ input: process.stdin }).on('line', line => {
      if (line === 'counts')
        process.stdout.write(`counts ${JSON.stringify(scm.counts)}\n`);
    });
  }
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(benchAuthModule);
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(benchPolicyModule);
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(benchCatalogModule(provider));
  backend.add(import('@dataplan/plugin-data-plan-backend'));
  // Where the data-plan plugin sends its notices (dataPlan.notifications is on).
  backend.add(import('@backstage/plugin-notifications-backend'));
  await backend.start();
  await provider.apply(JSON.parse(readFileSync(entitiesPath, 'utf8')));
  process.stdout.write('ready\n');

  process.on('SIGTERM', () => {
    backend.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
