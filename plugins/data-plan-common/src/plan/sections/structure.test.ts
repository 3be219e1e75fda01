import fc from 'fast-check';
import { treeFolder } from './structure';

// The regex the tree reader used before: quadratic on long runs of tree marks.
const TREE_LINE = /^[\s│├└─|`'+\\-]*([^\s/#][^/#]*?)\/\s*(#.*)?$/;

const treeLine = fc
  .array(
    fc.constantFrom(
      ..." \t│├└─|`'+\\-/#ab_1.\u2028\u00a0",
      '├── ',
      'raw/',
      ' # e.g., raw',
    ),
    { maxLength: 30 },
  )
  .map(parts => parts.join(''));

describe('treeFolder', () => {
  it('names the folder the tree regex named (property)', () => {
    fc.assert(
      fc.property(treeLine, line => {
        expect(treeFolder(line)).toBe(TREE_LINE.exec(line)?.[1].trim());
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['├── raw/', 'raw'],
    ['│   └── views/  # objects', 'views'],
    ['--/', '-'],
    ['src/', 'src'],
    ['├── a # b/', undefined],
    ['- - -', undefined],
  ])('reads %j as %j', (line, folder) => {
    expect(treeFolder(line)).toBe(folder);
  });
});
