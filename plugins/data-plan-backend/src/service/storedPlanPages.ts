import { DataPlanStore, StoredPlan } from '../database/DataPlanStore';

/** Stored plans read per query by {@link StoredPlanPages}. */
export const STORED_PLAN_PAGE = 200;

/**
 * The stored plans a refresh cycle may evaluate again, read a page at a time in the
 * cycle's order (the next page while the current one is used) instead of one row per
 * project. Only the pages around the one in use are held.
 */
export class StoredPlanPages {
  readonly #pageOf = new Map<string, number>();
  readonly #pages = new Map<number, Promise<Map<string, StoredPlan>>>();

  constructor(
    private readonly store: Pick<DataPlanStore, 'getStoredPlans'>,
    private readonly entityRefs: readonly string[],
    private readonly pageSize = STORED_PLAN_PAGE,
  ) {
    entityRefs.forEach((ref, index) =>
      this.#pageOf.set(ref, Math.floor(index / pageSize)),
    );
  }

  /**
   * The stored plan of a project of the list, when it is still the text of `contentHash`;
   * undefined otherwise (the caller reads the project itself).
   */
  async get(
    entityRef: string,
    contentHash: string | undefined,
  ): Promise<StoredPlan | undefined> {
    const page = this.#pageOf.get(entityRef);
    if (page === undefined) return undefined;
    for (const old of this.#pages.keys()) {
      if (old < page - 1) this.#pages.delete(old);
    }
    const plans = await this.#page(page);
    this.#page(page + 1).catch(() => {}); // read ahead; its own get() sees any error
    const stored = plans.get(entityRef);
    return stored?.plan && stored.contentHash === contentHash
      ? stored
      : undefined;
  }

  #page(page: number): Promise<Map<string, StoredPlan>> {
    let plans = this.#pages.get(page);
    if (!plans) {
      const refs = this.entityRefs.slice(
        page * this.pageSize,
        (page + 1) * this.pageSize,
      );
      plans = refs.length
        ? this.store.getStoredPlans(refs)
        : Promise.resolve(new Map());
      this.#pages.set(page, plans);
      // A failed read is tried again by the next get().
      plans.catch(() => this.#pages.delete(page));
    }
    return plans;
  }
}
