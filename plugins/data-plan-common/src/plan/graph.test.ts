import { findCycles, topologicalOrder } from './graph';

describe('topologicalOrder', () => {
  it('puts each node after the nodes it depends on, the lowest rank first among those ready', () => {
    // 0 depends on 2; 1 and 2 depend on nothing.
    expect(topologicalOrder(3, [[2], [], []], [0, 1, 2])).toEqual([1, 2, 0]);
    expect(topologicalOrder(3, [[2], [], []], [0, 2, 1])).toEqual([2, 0, 1]);
  });

  it('refuses a rank that is not a permutation, which would lose a node', () => {
    expect(() => topologicalOrder(3, [[], [], []], [0, 0, 2])).toThrow(
      /not a permutation/,
    );
    expect(() => topologicalOrder(2, [[], []], [0, 2])).toThrow(
      /not a permutation/,
    );
  });

  it('places the nodes on a cycle, and those that wait for them, last by rank', () => {
    // 1 and 2 depend on each other; 0 depends on 1.
    expect(topologicalOrder(4, [[1], [2], [1], []], [3, 2, 1, 0])).toEqual([
      3, 2, 1, 0,
    ]);
  });
});

describe('findCycles', () => {
  it('finds each cycle once, a self-loop included, in ascending order', () => {
    expect(findCycles(5, [[1], [2], [0], [3], []])).toEqual([[0, 1, 2], [3]]);
  });
});
