import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { Visibility } from './DataPlanStore';

/** The default bound of {@link PlanReadCache}: the approximate JSON size of what it holds. */
export const DEFAULT_READ_CACHE_BYTES = 32 * 1024 * 1024;

/** A JSON replacer that writes every object's properties in sorted order. */
function sortedProperties(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map(key => [key, object[key]]),
  );
}

/**
 * Results of the list, facets, export and trends reads, reused while the stored projects and
 * their history are
 * unchanged. A key names the read, the caller's visibility, the request and the data
 * generation the result was computed at; a write on any replica moves the generation, so
 * every older entry becomes unreachable and the LRU drops it. Bounded by the JSON size of
 * the results.
 */
export class PlanReadCache {
  static create(options: { maxBytes?: number } = {}): PlanReadCache {
    return new PlanReadCache(options.maxBytes ?? DEFAULT_READ_CACHE_BYTES);
  }

  readonly #entries: LRUCache<string, object, () => Promise<object>>;
  // The same visibility array is handed out for a while per user: hash it once.
  readonly #visibilityKeys = new WeakMap<readonly string[], string>();

  private constructor(readonly maxBytes: number) {
    this.#entries = new LRUCache<string, object, () => Promise<object>>({
      maxSize: maxBytes,
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
      sizeCalculation: value => Math.max(1, JSON.stringify(value).length),
      fetchMethod: (_key, _stale, { context }) => context(),
    });
  }

  /** The largest result kept, in bytes of JSON; larger ones are computed every time. */
  get maxEntryBytes(): number {
    return Math.max(1, Math.floor(this.maxBytes / 8));
  }

  key(
    read: string,
    generation: string,
    visible: Visibility,
    request: object,
  ): string {
    // Sorted property names, at every depth: the same request gives the same key however
    // it was built.
    const requestKey = JSON.stringify(request, sortedProperties);
    return `${read}\n${generation}\n${this.#visibilityKey(
      visible,
    )}\n${requestKey}`;
  }

  /** The result under `key`, else `compute()`'s, computed once however many ask at once. */
  async read<T extends object>(key: string, compute: () => Promise<T>) {
    return (await this.#entries.fetch(key, { context: compute })) as T;
  }

  get<T extends object>(key: string): T | undefined {
    return this.#entries.get(key) as T | undefined;
  }

  /** Keeps `value` under `key`; `bytes` is its JSON size, when the caller knows it. */
  set(key: string, value: object, bytes?: number) {
    this.#entries.set(key, value, bytes ? { size: bytes } : {});
  }

  #visibilityKey(visible: Visibility): string {
    if (visible === 'all') return 'all';
    let key = this.#visibilityKeys.get(visible);
    if (!key) {
      key = createHash('sha256')
        .update([...visible].sort().join('\n'))
        .digest('base64url');
      this.#visibilityKeys.set(visible, key);
    }
    return key;
  }
}
