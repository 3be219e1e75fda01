/**
 * A binary heap of integers in `0 … capacity - 1`, the least on top, in one typed array:
 * no comparator call and no boxed number per comparison, which keeps ordering thousands
 * of nodes cheap. Each value is pushed at most once, so `capacity` values fill it; one
 * more is refused rather than lost (a typed array drops a write past its end).
 */
export class MinHeap {
  readonly #items: Int32Array;
  #size = 0;

  constructor(capacity: number) {
    this.#items = new Int32Array(capacity);
  }

  get size() {
    return this.#size;
  }

  push(value: number) {
    const items = this.#items;
    if (this.#size === items.length) {
      throw new RangeError(`MinHeap is full: it holds ${items.length} values`);
    }
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= value) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = value;
  }

  pop(): number | undefined {
    if (this.#size === 0) return undefined;
    const items = this.#items;
    const top = items[0];
    const size = --this.#size;
    if (size === 0) return top;
    const last = items[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && items[child + 1] < items[child]) child++;
      if (items[child] >= last) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }
}
