import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * Dataplan. Every local path in this block derives from `rootDir`.
   */
  dataPlan?: {
    /**
     * Base directory of every relative path in this block. A relative value resolves
     * against the backend process's working directory (`packages/backend` under
     * `yarn start`), as the catalog's file locations do. Defaults to that directory.
     */
    rootDir?: string;
    /**
     * Folder that the software template's "Local workspace" destination publishes new
     * projects into (`<workspaceDir>/<name>`), and that the local catalog provider scans.
     * Relative to `rootDir`. Defaults to `.dataplan/workspace`.
     */
    workspaceDir?: string;
    /**
     * Folders the backend may read plans from for entities registered from file
     * locations, relative to `rootDir`. The workspace folder is always included; any
     * plan outside these folders is refused.
     */
    planRoots?: string[];
    /**
     * Places outside an entity's own folder that its `dataplan/plan` annotation may still
     * name, such as a repository of shared plans: a URL on `host` whose path lies under
     * `pathPrefix` is read with the backend's integration credentials. Otherwise a plan is
     * read only from the folder of the entity's `backstage.io/managed-by-location`. Empty
     * by default.
     */
    allowedPlanLocations?: Array<{
      /** Host of the URL, with the port when it is not the default, e.g. `github.com`. */
      host: string;
      /** Path prefix on that host, e.g. `/acme/shared-plans/`. */
      pathPrefix: string;
    }>;
    /**
     * Largest plan the backend reads, in bytes; a larger one is refused while it is read,
     * and the project shows the error. Also the body limit of POST /lint. Default 1048576.
     */
    maxPlanBytes?: number;
    /** The refresh cycle that keeps every project's plan up to date. */
    refresh?: {
      /**
       * Every 5 minutes with a 15-minute timeout by default. Keep the timeout longer than
       * the slowest cycle. `scope` is ignored: the cycle always runs on one replica.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Plans read at the same time. Default 8. */
      concurrency?: number;
    };
    /**
     * Each project's history and trends. The first time a project is seen, its history is
     * backfilled from its repository (a local git repository inside `planRoots`, or
     * GitHub through `integrations.github`), on the refresh's schedule; rows older than
     * the retention are pruned every 6 hours, except each project's newest.
     */
    history?: {
      /** Past versions of a plan a backfill reads at most (commits that changed it). Default 100. */
      backfillCommits?: number;
      /** Projects backfilled at the same time. Default 4. */
      backfillConcurrency?: number;
      /** Days history rows are kept. Default 730. */
      retentionDays?: number;
    };
    /**
     * The plan held against its repository: each project's files (the entity's folder) are
     * listed and the files the repository rules need are read (through the UrlReader's
     * search for hosted projects, from disk under `planRoots` for local ones), on this
     * schedule and whenever a plan changed, never with every refresh: on a host, each
     * listing is an API call.
     */
    repository?: {
      /** Whether projects are checked against their repositories at all. Default true. */
      enabled?: boolean;
      /** Hourly with a 30-minute timeout by default. `scope` is ignored: one replica runs it. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Files a project's listing holds at most; past it the listing counts as truncated. Default 10000. */
      maxFiles?: number;
      /** Bytes read at most over one project's files; past it the check fails on the project. Default 33554432. */
      maxBytes?: number;
      /** Projects checked at the same time. Default 4. */
      concurrency?: number;
    };
    /**
     * Notices to each project's owners through the Backstage notifications system (the
     * notifications backend must be installed): to `recipients: { type: 'entity' }` of the
     * project, so its owner group's members and child groups. Each event is sent once,
     * from an outbox row written when it is detected; a repeat replaces the earlier
     * notification (its `scope`). Re-evaluations after a policy change and backfilled
     * history send nothing.
     */
    notifications?: {
      /** Whether notices are sent at all. Default false. */
      enabled?: boolean;
      /** Each kind of notice on or off; all on by default. */
      events?: {
        /** The plan's status changed (a new version of the plan). */
        statusChanged?: boolean;
        /** A new version of the plan has an error the one before had not (by content key). */
        newError?: boolean;
        /** The plan has been in its status longer than its policy allows. */
        stuck?: boolean;
        /** A waiver in force expires within `waiverWarningDays`. */
        waiverExpiring?: boolean;
        /** A waiver expired and no longer waives its finding. */
        waiverExpired?: boolean;
      };
      /** Days before its expiry that a waiver is told of. Default 14. */
      waiverWarningDays?: number;
      /** Days after which a plan still stuck is told of again. Default 7. */
      stuckRepeatDays?: number;
    };
    /**
     * The worker threads that parse and evaluate plans (for the refresh cycle and POST
     * /lint), away from the thread that serves requests. Idle threads end after 30 s.
     */
    parsing?: {
      /** Threads at most. Default: one less than the available cores, at least 1. */
      maxThreads?: number;
      /**
       * Time budget of one plan, in milliseconds. A plan that takes longer gets a
       * `parse-timeout` error, and the project keeps its last good plan. Default 10000.
       */
      timeoutMs?: number;
    };
    /**
     * The organisation's policy: what every plan is evaluated under. A scope applies to
     * the data projects its `match` selects (every field given must hold; the first
     * matching scope wins), merged over `default`. Changing it re-evaluates every stored
     * plan without reading any repository. See data-plan-common's README, "Policies".
     */
    policy?: {
      /** What every plan is evaluated under unless a scope matches. */
      default?: DataPlanPolicyConfig;
      /** Stricter or looser policies for some projects, e.g. `lifecycle: production`. */
      scopes?: Array<{
        /** Shown on the plan tab and in the list as the policy that applied. */
        name: string;
        match: {
          /** Owner entity refs (`group:default/team-a` or `team-a`). */
          owner?: string | string[];
          /** System entity refs. */
          system?: string | string[];
          /** Lifecycles, compared case-insensitively. */
          lifecycle?: string | string[];
          /** Tags the project must all have. */
          tags?: string[];
        };
        policy: DataPlanPolicyConfig;
      }>;
    };
  };
}

/** One policy, as `dataPlan.policy` writes it (data-plan-common's `PlanPolicy`). */
interface DataPlanPolicyConfig {
  /** Severity per rule id: `error`, `warning`, `info` or `off`. */
  severities?: { [ruleId: string]: 'error' | 'warning' | 'info' | 'off' };
  /** Targets that replace the plan's own, by criterion name. */
  validationTargets?: { [criterion: string]: string };
  /** Impact from which a risk needs a mitigation: `low`, `medium` or `high`. */
  mitigationRequiredFrom?: 'low' | 'medium' | 'high';
  /** Score (1–9) from which a risk counts as high. */
  highRiskScore?: number;
  /** Sections a plan must have: a missing one is an error. */
  requiredSections?: string[];
  /** What a plan at a status (and every later one) must meet. */
  statusGates?: {
    [status: string]: {
      minApprovedReviewers?: number;
      executionApproved?: boolean;
      allCriteriaPass?: boolean;
    };
  };
  /** The longest a waiver may run, in days. */
  maxWaiverDays?: number;
  /** Days a plan may stay in each status before it counts as stuck. */
  stuckAfterDays?: { [status: string]: number };
}
