export interface Config {
  /** Dataplan; the plugins declare the rest of this block. */
  dataPlan?: {
    /**
     * Entity ref of the group that may do everything under the portal's permission
     * policy (`src/permissionPolicy.ts`). Defaults to `group:default/platform-team`.
     */
    platformTeam?: string;
  };
}
