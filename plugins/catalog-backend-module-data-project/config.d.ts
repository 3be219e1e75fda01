import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * Dataplan. The paths (`rootDir`, `workspaceDir`) are declared by
   * `@dataplan/plugin-data-plan-node`; this module adds how often it scans the workspace.
   */
  dataPlan?: {
    /** How often the catalog module reads the workspace folder. */
    workspaceScan?: {
      /** Every 5 seconds with a 30-second timeout by default. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
