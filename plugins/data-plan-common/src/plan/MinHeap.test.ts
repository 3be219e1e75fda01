import fc from 'fast-check';
import { MinHeap } from './MinHeap';

describe('MinHeap', () => {
  it('pops its items least first by the comparator (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), keys => {
        const heap = new MinHeap((a, b) => keys[a] - keys[b]);
        keys.forEach((_, index) => heap.push(index));
        expect(heap.size).toBe(keys.length);
        const popped: number[] = [];
        for (let item = heap.pop(); item !== undefined; item = heap.pop()) {
          popped.push(keys[item]);
        }
        expect(popped).toEqual([...keys].sort((a, b) => a - b));
        expect(heap.size).toBe(0);
      }),
    );
  });
});
