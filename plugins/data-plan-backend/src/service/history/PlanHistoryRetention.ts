import { LoggerService } from '@backstage/backend-plugin-api';
import { DataPlanStore } from '../../database/DataPlanStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Keeps the history to its retention: rows older than that go, each project's newest stays. */
export interface PlanHistoryRetention {
  /** Deletes what is past the retention now; returns how many rows. */
  prune(): Promise<number>;
}

/** {@link PlanHistoryRetention} over the store, by `dataPlan.history.retentionDays`. */
export class DefaultPlanHistoryRetention implements PlanHistoryRetention {
  static create(options: {
    store: DataPlanStore;
    logger: LoggerService;
    retentionDays: number;
    /** The clock; the system clock unless a test sets one. */
    now?: () => Date;
  }): DefaultPlanHistoryRetention {
    return new DefaultPlanHistoryRetention(
      options.store,
      options.logger,
      options.retentionDays,
      options.now ?? (() => new Date()),
    );
  }

  private constructor(
    private readonly store: DataPlanStore,
    private readonly logger: LoggerService,
    private readonly retentionDays: number,
    private readonly now: () => Date,
  ) {}

  async prune(): Promise<number> {
    const before = new Date(this.now().getTime() - this.retentionDays * DAY_MS);
    const pruned = await this.store.pruneHistory(before);
    if (pruned) {
      this.logger.info(
        `Pruned ${pruned} data plan history rows recorded before ${before.toISOString()}`,
      );
    }
    return pruned;
  }
}
