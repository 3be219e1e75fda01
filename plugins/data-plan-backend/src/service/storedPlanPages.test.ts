import { StoredPlan } from '../database/DataPlanStore';
import { StoredPlanPages } from './storedPlanPages';

const plan = { metadata: {} } as StoredPlan['plan'];

function store() {
  const calls: string[][] = [];
  return {
    calls,
    getStoredPlans: async (refs: string[]) => {
      calls.push(refs);
      return new Map(
        refs.map(ref => [ref, { contentHash: `hash-${ref}`, plan }] as const),
      );
    },
  };
}

describe('StoredPlanPages', () => {
  it('reads the listed projects a page at a time, the next page ahead', async () => {
    const fake = store();
    const pages = new StoredPlanPages(fake, ['a', 'b', 'c', 'd', 'e'], 2);

    await expect(pages.get('a', 'hash-a')).resolves.toEqual({
      contentHash: 'hash-a',
      plan,
    });
    await expect(pages.get('b', 'hash-b')).resolves.toBeDefined();
    await expect(pages.get('c', 'hash-c')).resolves.toBeDefined();
    await expect(pages.get('d', 'hash-d')).resolves.toBeDefined();
    expect(fake.calls).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('gives nothing for a project it does not list, or whose stored text changed', async () => {
    const fake = store();
    const pages = new StoredPlanPages(fake, ['a'], 2);

    await expect(pages.get('z', 'hash-z')).resolves.toBeUndefined();
    await expect(pages.get('a', 'another')).resolves.toBeUndefined();
    await expect(pages.get('a', undefined)).resolves.toBeUndefined();
  });

  it('reads a page again after a failed read', async () => {
    const fake = store();
    let fail = true;
    const pages = new StoredPlanPages(
      {
        getStoredPlans: async refs => {
          if (fail) throw new Error('gone');
          return fake.getStoredPlans(refs);
        },
      },
      ['a'],
      2,
    );

    await expect(pages.get('a', 'hash-a')).rejects.toThrow('gone');
    fail = false;
    await expect(pages.get('a', 'hash-a')).resolves.toBeDefined();
  });
});
