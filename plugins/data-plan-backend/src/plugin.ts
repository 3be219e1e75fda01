import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  dataPlanPermissions,
  MAX_WAIVERS_BYTES,
} from '@dataplan/plugin-data-plan-common';
import {
  dataPlanRulesExtensionPoint,
  readAllowedPlanLocations,
  readDataPlanPaths,
} from '@dataplan/plugin-data-plan-node';
import { DatabaseDataPlanStore } from './database/DatabaseDataPlanStore';
import { DefaultPlanBackfiller } from './service/history/PlanBackfiller';
import { DefaultPlanHistoryRetention } from './service/history/PlanHistoryRetention';
import { PlanHistoryReaders } from './service/history/PlanHistoryReaders';
import { HistoryWaiverCommitFinder } from './service/waivers/WaiverCommitFinder';
import { readPlanHistoryConfig } from './service/history/readPlanHistoryConfig';
import { DefaultPlanNotifier } from './service/notifications/PlanNotifier';
import { readPlanNotificationsConfig } from './service/notifications/readPlanNotificationsConfig';
import { readPlanParsingConfig } from './service/parsing/readPlanParsingConfig';
import { WorkerPlanParser } from './service/parsing/WorkerPlanParser';
import { DefaultPlanReader } from './service/PlanReader';
import { DefaultProjectFilesReader } from './service/repository/ProjectFilesReader';
import { readRepositoryConfig } from './service/repository/readRepositoryConfig';
import {
  DefaultRepositoryChecker,
  RepositoryChecker,
} from './service/repository/RepositoryChecker';
import { DefaultDataPlanService } from './service/DefaultDataPlanService';
import { DefaultPlanRefresher } from './service/PlanRefresher';
import { PlanRuleRegistry } from './service/PlanRuleRegistry';
import { ConfigPlanPolicies } from './service/policy/PlanPolicies';
import { DefaultPlanVisibility } from './service/PlanVisibility';
import { createRouter } from './service/router';

/** Plans larger than this are refused unless dataPlan.maxPlanBytes says otherwise. */
const DEFAULT_MAX_PLAN_BYTES = 1024 * 1024;

/**
 * The Dataplan backend plugin: keeps every data project's plan fresh and serves it under
 * `/api/data-plan`.
 *
 * @public
 */
export const dataPlanPlugin = createBackendPlugin({
  pluginId: 'data-plan',
  register(env) {
    const registry = PlanRuleRegistry.create();
    env.registerExtensionPoint(dataPlanRulesExtensionPoint, {
      addRules: (...rules) => registry.addRules(...rules),
    });

    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(dataPlanPermissions);

        const maxPlanBytes =
          config.getOptionalNumber('dataPlan.maxPlanBytes') ??
          DEFAULT_MAX_PLAN_BYTES;
        const store = await DatabaseDataPlanStore.create({
          database: deps.database,
        });
        const { planRoots, rootDir } = readDataPlanPaths(config);
        const reader = DefaultPlanReader.create({
          urlReader: deps.urlReader,
          integrations: ScmIntegrations.fromConfig(config),
          planRoots,
          rootDir,
          allowedPlanLocations: readAllowedPlanLocations(config),
          maxPlanBytes,
        });
        const parser = WorkerPlanParser.create({
          ...readPlanParsingConfig(config),
          logger,
        });
        deps.lifecycle.addShutdownHook(() => parser.close());
        // Modules have registered their rules by now: the plugin starts after its modules.
        const ruleSet = { rules: registry.list(), budgetMs: parser.timeoutMs };
        const policies = ConfigPlanPolicies.fromConfig(config, {
          rules: ruleSet.rules,
        });
        const historyConfig = readPlanHistoryConfig(config);
        const notificationsConfig = readPlanNotificationsConfig(config);
        const notifier =
          notificationsConfig.kinds.size > 0
            ? DefaultPlanNotifier.create({
                store,
                notifications: deps.notifications,
                logger,
                config: notificationsConfig,
              })
            : undefined;
        const repositoryConfig = readRepositoryConfig(config);
        // Set below: the checker and the refresher each tell the other.
        const repository: { checker?: RepositoryChecker } = {};
        const refresher = DefaultPlanRefresher.create({
          // A waiver file's history read as a plan's is, within the backfill's commits.
          waiverCommits: HistoryWaiverCommitFinder.create({
            history: PlanHistoryReaders.fromConfig(config, {
              planRoots,
              maxPlanBytes: MAX_WAIVERS_BYTES,
            }),
            limit: historyConfig.backfillCommits,
            logger,
          }),
          catalog: deps.catalog,
          auth: deps.auth,
          reader,
          parser,
          store,
          logger,
          policies,
          rules: ruleSet,
          concurrency: config.getOptionalNumber('dataPlan.refresh.concurrency'),
          ...(notifier ? { notifier } : {}),
          repositoryReports: repositoryConfig.enabled,
          // A changed plan is checked against its repository at once, not at the next hour.
          ...(repositoryConfig.enabled
            ? {
                onPlanChanged: (entity: Entity) => {
                  void repository.checker?.checkEntity(entity);
                },
              }
            : {}),
        });
        if (repositoryConfig.enabled) {
          const repositoryChecker = DefaultRepositoryChecker.create({
            catalog: deps.catalog,
            auth: deps.auth,
            reader,
            files: DefaultProjectFilesReader.create({
              urlReader: deps.urlReader,
              planRoots,
              maxFiles: repositoryConfig.maxFiles,
              maxBytes: repositoryConfig.maxBytes,
            }),
            store,
            logger,
            concurrency: repositoryConfig.concurrency,
            // Parsing SQL statements is CPU-heavy: in the parse pool's threads.
            sqlLineage: (plan, sqlByObject) =>
              parser.checkSqlLineage(plan, sqlByObject),
            // A new report: the stored plan is evaluated again with it, without a read.
            onReportChanged: entity => refresher.refreshEntityAfter(entity),
          });
          repository.checker = repositoryChecker;
          // Reading trees costs host API calls: on its own schedule, never every refresh.
          await scheduler.scheduleTask({
            id: 'data-plan-repository-check',
            ...repositoryConfig.schedule,
            scope: 'global',
            fn: async signal => {
              await repositoryChecker.checkAll({ signal });
            },
          });
        }

        const schedule = config.has('dataPlan.refresh.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('dataPlan.refresh.schedule'),
            )
          : { frequency: { minutes: 5 }, timeout: { minutes: 15 } };
        await scheduler.scheduleTask({
          id: 'data-plan-refresh',
          ...schedule,
          // One replica runs each cycle, whatever the config's schedule says.
          scope: 'global',
          fn: async () => {
            await refresher.refreshAll();
          },
        });

        // Each project's history from its repository, once, the first time it is seen:
        // on the refresh's schedule, so a new project is backfilled soon after its first
        // read; a claim on the project row makes it one backfill across replicas.
        const backfiller = DefaultPlanBackfiller.create({
          store,
          history: PlanHistoryReaders.fromConfig(config, {
            planRoots,
            maxPlanBytes,
          }),
          parser,
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          policies,
          rules: ruleSet,
          commits: historyConfig.backfillCommits,
          concurrency: historyConfig.backfillConcurrency,
          retentionDays: historyConfig.retentionDays,
        });
        await scheduler.scheduleTask({
          id: 'data-plan-history-backfill',
          ...schedule,
          scope: 'global',
          fn: async signal => {
            await backfiller.backfillPending({ signal });
          },
        });
        const retention = DefaultPlanHistoryRetention.create({
          store,
          logger,
          retentionDays: historyConfig.retentionDays,
        });
        await scheduler.scheduleTask({
          id: 'data-plan-history-retention',
          frequency: { hours: 6 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          scope: 'global',
          fn: async () => {
            await retention.prune();
            // The notices' outbox too: sent rows once no event key can come up again.
            await notifier?.prune();
          },
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            service: DefaultDataPlanService.create({
              permissions: deps.permissions,
              catalog: deps.catalog,
              store,
              refresher,
              parser,
              policies,
              rules: ruleSet,
              visibility: DefaultPlanVisibility.create({
                permissions: deps.permissions,
                catalog: deps.catalog,
              }),
              maxPlanBytes,
            }),
            maxPlanBytes,
          }),
        );
      },
    });
  },
});
