import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readDataPlanPaths } from '@dataplan/plugin-data-plan-node';
import { DataProjectWorkspaceProvider } from './DataProjectWorkspaceProvider';

/**
 * Adds the data projects of the local workspace folder (`dataPlan.workspaceDir`) to the
 * catalog, scanning it every few seconds. The catalog's allowed location types stay as they
 * are: nobody can register an arbitrary file path through this.
 *
 * @public
 */
export const catalogModuleDataProjectWorkspace = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-project-workspace',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        const { workspaceDir } = readDataPlanPaths(config);
        const provider = DataProjectWorkspaceProvider.create({
          workspaceDir,
          logger,
        });
        catalog.addEntityProvider(provider);
        const schedule = config.has('dataPlan.workspaceScan.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('dataPlan.workspaceScan.schedule'),
            )
          : { frequency: { seconds: 5 }, timeout: { seconds: 30 } };
        await scheduler.scheduleTask({
          id: 'dataplan-workspace-scan',
          ...schedule,
          // Each replica reads the folder it can see, whatever the config's schedule says.
          scope: 'local',
          fn: async () => {
            await provider.scan();
          },
        });
        logger.info(`Scanning ${workspaceDir} for data projects`);
      },
    });
  },
});
