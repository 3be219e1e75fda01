import { DataPlanStore, SaveResultOptions } from '../database/DataPlanStore';

/** Results written per transaction by {@link ResultWriteBatch}. */
export const RESULT_WRITE_BATCH = 100;

interface Pending {
  options: SaveResultOptions;
  resolve: (outcome: 'written' | 'unchanged') => void;
  reject: (error: unknown) => void;
}

/**
 * A refresh cycle's results, written in batches: one write at a time takes every result
 * that came while the one before it ran (up to {@link RESULT_WRITE_BATCH}), so that a
 * thousand results cost a few transactions, not a thousand. A batch that fails is written
 * again one result at a time, so that one bad result fails alone.
 */
export class ResultWriteBatch {
  readonly #queue: Pending[] = [];
  readonly #admitted: Array<() => void> = [];
  #writing = false;

  constructor(
    private readonly store: Pick<DataPlanStore, 'saveResult' | 'saveResults'>,
    private readonly batchSize = RESULT_WRITE_BATCH,
  ) {}

  /** Waits while two batches wait already: results are held in memory until written. */
  async admit(): Promise<void> {
    while (this.#queue.length >= 2 * this.batchSize) {
      await new Promise<void>(resolve => this.#admitted.push(resolve));
    }
  }

  /** Stores a result with the next batch; its outcome once that batch is written. */
  save(options: SaveResultOptions): Promise<'written' | 'unchanged'> {
    const outcome = new Promise<'written' | 'unchanged'>((resolve, reject) =>
      this.#queue.push({ options, resolve, reject }),
    );
    if (!this.#writing) {
      this.#writing = true;
      // After the current turn: results that arrive in it join the first batch.
      setImmediate(() => this.#write());
    }
    return outcome;
  }

  async #write() {
    while (this.#queue.length) {
      const batch = this.#queue.splice(0, this.batchSize);
      for (const resolve of this.#admitted.splice(0)) resolve();
      try {
        const outcomes = await this.store.saveResults(
          batch.map(p => p.options),
        );
        batch.forEach((pending, i) => pending.resolve(outcomes[i]));
      } catch {
        for (const pending of batch) {
          try {
            pending.resolve(await this.store.saveResult(pending.options));
          } catch (error) {
            pending.reject(error);
          }
        }
      }
    }
    this.#writing = false;
  }
}
