import { ObjectIdentifier } from './identifiers';

/**
 * How one dependency of one object resolved: the index of the object it names, `unknown`,
 * or the candidates it could mean. A plain number for the common case keeps large plans
 * cheap.
 */
export type DependencyResolution = number | 'unknown' | { ambiguous: number[] };

/**
 * Resolves dependencies by name: a full match on the whole name first, then a unique
 * match on the trailing parts (`NAME`, `SCHEMA.NAME`). Objects are given by index; an
 * object without an identifier resolves nothing and is never a target.
 */
export function resolveDependencies(
  identifiers: Array<ObjectIdentifier | undefined>,
  dependencies: Array<Array<ObjectIdentifier | undefined>>,
): DependencyResolution[][] {
  // Candidates by what a dependency of each depth names: the name, the last two parts, the
  // whole key. Each object is in at most three lists, and each distinct dependency is
  // resolved once, so the work stays linear however many objects share a name.
  const byFullKey = new Map<string, number>();
  const lists = [
    new Map<string, number[]>(),
    new Map<string, number[]>(),
    new Map<string, number[]>(),
  ];
  const add = (map: Map<string, number[]>, key: string, index: number) => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  identifiers.forEach((identifier, index) => {
    if (!identifier) return;
    if (!byFullKey.has(identifier.key)) byFullKey.set(identifier.key, index);
    add(lists[0], identifier.name, index);
    if (identifier.depth >= 2) add(lists[1], identifier.suffix, index);
    if (identifier.depth === 3) add(lists[2], identifier.key, index);
  });

  const resolveOne = (dep: ObjectIdentifier): DependencyResolution => {
    const full = byFullKey.get(dep.key);
    if (full !== undefined && identifiers[full]!.depth === dep.depth) {
      return full;
    }
    const candidates = lists[dep.depth - 1].get(dep.key) ?? [];
    const distinct = uniqueByKey(candidates, identifiers);
    if (distinct.length === 1) return distinct[0];
    if (distinct.length === 0) return 'unknown';
    return { ambiguous: distinct };
  };

  const resolved = new Map<string, DependencyResolution>();
  const resolve = (dep: ObjectIdentifier | undefined): DependencyResolution => {
    if (!dep) return 'unknown';
    const memo = `${dep.depth}:${dep.key}`;
    let resolution = resolved.get(memo);
    if (resolution === undefined) {
      resolution = resolveOne(dep);
      resolved.set(memo, resolution);
    }
    return resolution;
  };
  return dependencies.map(deps => deps.map(resolve));
}

// An object defined twice is one candidate, not an ambiguity: the duplicate is its own diagnostic.
function uniqueByKey(
  candidates: number[],
  identifiers: Array<ObjectIdentifier | undefined>,
): number[] {
  if (candidates.length < 2) return candidates;
  const seen = new Set<string>();
  return candidates.filter(index => {
    const key = identifiers[index]!.key;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Strongly connected components that form cycles (more than one node, or a node that
 * depends on itself), each in ascending index order. Iterative Tarjan: no recursion, so a
 * 10,000-object chain is fine.
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

  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, edge] = frame;
      if (edge === 0) {
        index[node] = low[node] = counter++;
        stack.push(node);
        onStack[node] = true;
      }
      const next = adjacency[node];
      if (edge < next.length) {
        frame[1]++;
        const target = next[edge];
        if (index[target] === -1) {
          work.push([target, 0]);
        } else if (onStack[target]) {
          low[node] = Math.min(low[node], index[target]);
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[node]);
      }
      if (low[node] === index[node]) {
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

/** A binary heap of node indexes ordered by a comparator. */
class MinHeap {
  readonly #items: number[] = [];
  readonly #compare: (a: number, b: number) => number;

  constructor(compare: (a: number, b: number) => number) {
    this.#compare = compare;
  }

  get size() {
    return this.#items.length;
  }

  push(item: number) {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#compare(items[i], items[parent]) >= 0) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): number | undefined {
    const items = this.#items;
    if (!items.length) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (
          left < items.length &&
          this.#compare(items[left], items[smallest]) < 0
        )
          smallest = left;
        if (
          right < items.length &&
          this.#compare(items[right], items[smallest]) < 0
        )
          smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top;
  }
}

/**
 * Topological order (every dependency before its dependents); among the objects ready at
 * any point, the one with the lowest `rank` goes first. Objects on a cycle never become
 * ready: they follow at the end, by rank. `dependencies` lists hold no duplicates.
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

  const heap = new MinHeap((a, b) => rank[a] - rank[b]);
  for (let node = 0; node < nodeCount; node++) {
    if (remaining[node] === 0) heap.push(node);
  }
  const order: number[] = [];
  const placed = new Uint8Array(nodeCount);
  while (heap.size) {
    const node = heap.pop()!;
    order.push(node);
    placed[node] = 1;
    for (let i = offsets[node]; i < offsets[node + 1]; i++) {
      if (--remaining[dependents[i]] === 0) heap.push(dependents[i]);
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
