import fc from 'fast-check';
import { MinHeap } from './MinHeap';

describe('MinHeap', () => {
  it('pops its values least first, pushes and pops interleaved (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 64 }),
        fc.array(fc.boolean()),
        (values, popsAfter) => {
          const heap = new MinHeap(64);
          // A sorted list as the model: what the heap must give at each pop.
          const held: number[] = [];
          const popped: number[] = [];
          const expected: number[] = [];
          values.forEach((value, i) => {
            heap.push(value);
            held.push(value);
            held.sort((a, b) => a - b);
            if (popsAfter[i]) {
              popped.push(heap.pop()!);
              expected.push(held.shift()!);
            }
          });
          expect(heap.size).toBe(held.length);
          for (let v = heap.pop(); v !== undefined; v = heap.pop()) {
            popped.push(v);
          }
          expect(popped).toEqual([...expected, ...held]);
          expect(heap.size).toBe(0);
        },
      ),
    );
  });

  it('holds as many values as its capacity, and refuses one more', () => {
    const heap = new MinHeap(4);
    for (const value of [3, 0, 2, 1]) heap.push(value);
    expect(() => heap.push(1)).toThrow(RangeError);
    expect(heap.size).toBe(4);
    expect([
      heap.pop(),
      heap.pop(),
      heap.pop(),
      heap.pop(),
      heap.pop(),
    ]).toEqual([0, 1, 2, 3, undefined]);
  });
});
