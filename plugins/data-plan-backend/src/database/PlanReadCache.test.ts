import { PlanReadCache } from './PlanReadCache';

describe('PlanReadCache', () => {
  const refs = ['component:default/a', 'component:default/b'];

  it('keys a read by generation, visibility and request, not by property or ref order', () => {
    const cache = PlanReadCache.create();
    const key = cache.key('list', '1', refs, { sort: 'name', limit: 5 });

    expect(
      cache.key('list', '1', [...refs].reverse(), { limit: 5, sort: 'name' }),
    ).toBe(key);
    expect(cache.key('list', '2', refs, { sort: 'name', limit: 5 })).not.toBe(
      key,
    );
    expect(cache.key('facets', '1', refs, { sort: 'name', limit: 5 })).not.toBe(
      key,
    );
    expect(
      cache.key('list', '1', refs.slice(1), { sort: 'name', limit: 5 }),
    ).not.toBe(key);
    expect(cache.key('list', '1', 'all', { sort: 'name', limit: 5 })).not.toBe(
      key,
    );
    expect(cache.key('list', '1', [], { sort: 'name', limit: 5 })).not.toBe(
      key,
    );
    expect(cache.key('list', '1', refs, { sort: 'name', limit: 6 })).not.toBe(
      key,
    );
    expect(
      cache.key('list', '1', refs, { sort: 'name', owner: ['x'], limit: 5 }),
    ).not.toBe(key);
  });

  it('keys a request by its nested values too, in any property order', () => {
    const cache = PlanReadCache.create();
    const after = (sortValue: string) =>
      cache.key('list', '1', 'all', {
        sort: 'name',
        after: { sortValue, entityRef: 'component:default/a' },
      });
    expect(after('a')).not.toBe(after('b'));
    expect(
      cache.key('list', '1', 'all', {
        after: { entityRef: 'component:default/a', sortValue: 'a' },
        sort: 'name',
      }),
    ).toBe(after('a'));
  });

  it('computes a read once, however many callers ask at once', async () => {
    const cache = PlanReadCache.create();
    const key = cache.key('list', '1', refs, {});
    let computed = 0;
    let release!: () => void;
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    const compute = async () => {
      computed++;
      await released;
      return { items: [computed] };
    };

    const reads = [cache.read(key, compute), cache.read(key, compute)];
    release();

    expect(await Promise.all(reads)).toEqual([{ items: [1] }, { items: [1] }]);
    expect(await cache.read(key, compute)).toEqual({ items: [1] });
    expect(computed).toBe(1);
  });

  it('computes again after a failed read', async () => {
    const cache = PlanReadCache.create();
    const key = cache.key('list', '1', refs, {});
    await expect(
      cache.read(key, async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    expect(await cache.read(key, async () => ({ ok: true }))).toEqual({
      ok: true,
    });
  });

  it('holds at most its size in bytes, and nothing larger than an eighth of it', async () => {
    const cache = PlanReadCache.create({ maxBytes: 8_000 });
    const value = (n: number) => ({ text: String(n).padEnd(500, '.') });
    for (let n = 0; n < 100; n++) {
      await cache.read(cache.key('list', '1', 'all', { n }), async () =>
        value(n),
      );
    }
    const kept = Array.from({ length: 100 }, (_, n) =>
      cache.get(cache.key('list', '1', 'all', { n })),
    ).filter(Boolean);
    // About 510 bytes each: at most 15 fit in 8,000.
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(15);
    expect(cache.get(cache.key('list', '1', 'all', { n: 99 }))).toEqual(
      value(99),
    );

    const large = { text: 'x'.repeat(1_100) };
    const key = cache.key('export', '1', 'all', {});
    cache.set(key, large);
    expect(cache.get(key)).toBeUndefined();
    expect(await cache.read(key, async () => large)).toBe(large);
    expect(cache.get(key)).toBeUndefined();
  });
});
