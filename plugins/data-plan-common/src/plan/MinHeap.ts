// Not `[a[i], a[j]] = [a[j], a[i]]`, which allocates an array for every swap.
function swap(items: number[], i: number, j: number) {
  const item = items[i];
  items[i] = items[j];
  items[j] = item;
}

/** A binary heap of node indexes, the least by the comparator on top. */
export class MinHeap {
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
      swap(items, i, parent);
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
        swap(items, i, smallest);
        i = smallest;
      }
    }
    return top;
  }
}
