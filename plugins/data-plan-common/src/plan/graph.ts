import { MinHeap } from './MinHeap';

/**
 * Strongly connected components that form cycles (more than one node, or a node with an
 * edge to itself), each in ascending index order. Iterative Tarjan: no recursion, so a
 * chain of 10,000 nodes is fine.
 *
 * @public
 */
export function findCycles(
  nodeCount: number,
  adjacency: number[][],
): number[][] {
  const index = new Array<number>(nodeCount).fill(-1);
  const low = new Array<number>(nodeCount).fill(0);
  const onStack = new Array<boolean>(nodeCount).fill(false);
  const stack: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;

  // The depth-first walk's frames as two stacks (node, next edge), not a pair per node.
  const workNode: number[] = [];
  const workEdge: number[] = [];
  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    workNode.push(root);
    workEdge.push(0);
    while (workNode.length) {
      const top = workNode.length - 1;
      const node = workNode[top];
      const edge = workEdge[top];
      if (edge === 0) {
        index[node] = low[node] = counter++;
        stack.push(node);
        onStack[node] = true;
      }
      const next = adjacency[node];
      if (edge < next.length) {
        workEdge[top]++;
        const target = next[edge];
        if (index[target] === -1) {
          workNode.push(target);
          workEdge.push(0);
        } else if (onStack[target]) {
          low[node] = Math.min(low[node], index[target]);
        }
        continue;
      }
      workNode.pop();
      workEdge.pop();
      if (workNode.length) {
        const parent = workNode[workNode.length - 1];
        low[parent] = Math.min(low[parent], low[node]);
      }
      if (low[node] === index[node] && stack[stack.length - 1] === node) {
        // A component of one node, the common case: a cycle only with an edge to itself.
        stack.pop();
        onStack[node] = false;
        if (next.includes(node)) cycles.push([node]);
      } else if (low[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || adjacency[node].includes(node)) {
          cycles.push(component.sort((a, b) => a - b));
        }
      }
    }
  }
  return cycles;
}

/**
 * Topological order (every node after the nodes it depends on); among the nodes ready at
 * any point, the one with the lowest `rank` goes first. Nodes on a cycle never become
 * ready: they follow at the end, by rank. `rank` is a permutation of `0 … nodeCount - 1`
 * (each node's place in the preferred order); `dependencies` lists hold no duplicates.
 */
export function topologicalOrder(
  nodeCount: number,
  dependencies: number[][],
  rank: ArrayLike<number>,
): number[] {
  // Dependents in compressed form: one offsets array and one flat list, no array per node.
  const remaining = new Int32Array(nodeCount);
  const offsets = new Int32Array(nodeCount + 1);
  for (let node = 0; node < nodeCount; node++) {
    for (const dep of dependencies[node]) {
      if (dep === node) continue;
      remaining[node]++;
      offsets[dep + 1]++;
    }
  }
  for (let node = 0; node < nodeCount; node++)
    offsets[node + 1] += offsets[node];
  const dependents = new Int32Array(offsets[nodeCount]);
  const fill = offsets.slice(0, nodeCount);
  for (let node = 0; node < nodeCount; node++) {
    for (const dep of dependencies[node]) {
      if (dep !== node) dependents[fill[dep]++] = node;
    }
  }

  // The heap holds ranks, which compare as plain integers; each rank names one node.
  const byRank = new Int32Array(nodeCount).fill(-1);
  for (let node = 0; node < nodeCount; node++) {
    const at = rank[node];
    // A rank out of range, or one given twice, would lose a node from the order.
    if (!(at >= 0 && at < nodeCount && byRank[at] === -1)) {
      throw new RangeError(
        `rank is not a permutation of 0 … ${
          nodeCount - 1
        }: node ${node} has ${at}`,
      );
    }
    byRank[at] = node;
  }
  const heap = new MinHeap(nodeCount);
  for (let node = 0; node < nodeCount; node++) {
    if (remaining[node] === 0) heap.push(rank[node]);
  }
  const order: number[] = [];
  const placed = new Uint8Array(nodeCount);
  while (heap.size) {
    const node = byRank[heap.pop()!];
    order.push(node);
    placed[node] = 1;
    for (let i = offsets[node]; i < offsets[node + 1]; i++) {
      const dependent = dependents[i];
      if (--remaining[dependent] === 0) heap.push(rank[dependent]);
    }
  }
  if (order.length < nodeCount) {
    const rest: number[] = [];
    for (let node = 0; node < nodeCount; node++) {
      if (!placed[node]) rest.push(node);
    }
    order.push(...rest.sort((a, b) => rank[a] - rank[b]));
  }
  return order;
}
