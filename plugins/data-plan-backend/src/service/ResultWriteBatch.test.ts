import { SaveResultOptions } from '../database/DataPlanStore';
import { ResultWriteBatch } from './ResultWriteBatch';

const result = (name: string) =>
  ({
    identity: { entityRef: `component:default/${name}`, name },
  } as SaveResultOptions);

function store(failOn?: string) {
  const batches: string[][] = [];
  const singles: string[] = [];
  const fails = (options: SaveResultOptions) =>
    options.identity.name === failOn;
  return {
    batches,
    singles,
    saveResults: async (results: SaveResultOptions[]) => {
      batches.push(results.map(r => r.identity.name));
      if (results.some(fails)) throw new Error('batch failed');
      return results.map(r =>
        r.identity.name.startsWith('same') ? 'unchanged' : 'written',
      ) as Array<'written' | 'unchanged'>;
    },
    saveResult: async (options: SaveResultOptions) => {
      singles.push(options.identity.name);
      if (fails(options)) throw new Error(`${options.identity.name} failed`);
      return 'written' as const;
    },
  };
}

describe('ResultWriteBatch', () => {
  it('writes the results that come together in one batch, each with its outcome', async () => {
    const fake = store();
    const writes = new ResultWriteBatch(fake, 2);

    const outcomes = await Promise.all(
      ['a', 'same-b', 'c'].map(name => writes.save(result(name))),
    );

    expect(outcomes).toEqual(['written', 'unchanged', 'written']);
    expect(fake.batches).toEqual([['a', 'same-b'], ['c']]);
    expect(fake.singles).toEqual([]);
  });

  it('takes the results that came while a batch was written into the next one', async () => {
    const fake = store();
    const writes = new ResultWriteBatch(fake, 10);

    const first = writes.save(result('a'));
    await new Promise(resolve => setImmediate(resolve));
    const later = [writes.save(result('b')), writes.save(result('c'))];
    await Promise.all([first, ...later]);

    expect(fake.batches).toEqual([['a'], ['b', 'c']]);
  });

  it('writes a failed batch one result at a time: only the bad result fails', async () => {
    const fake = store('bad');
    const writes = new ResultWriteBatch(fake, 10);

    const outcomes = await Promise.allSettled(
      ['a', 'bad', 'c'].map(name => writes.save(result(name))),
    );

    expect(outcomes.map(o => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(fake.singles).toEqual(['a', 'bad', 'c']);
  });

  it('admits a result while fewer than two batches wait', async () => {
    const fake = store();
    const writes = new ResultWriteBatch(fake, 1);
    const waiting = [writes.save(result('a')), writes.save(result('b'))];
    let admitted = false;
    const admission = writes.admit().then(() => {
      admitted = true;
    });
    await Promise.resolve();
    expect(admitted).toBe(false);

    await Promise.all(waiting);
    await admission;
    expect(admitted).toBe(true);
  });
});
