import { splitTableRow } from './tableRow';

describe('splitTableRow', () => {
  it('splits on pipes, dropping the outer ones', () => {
    expect(splitTableRow('| a | b |')).toEqual([' a ', ' b ']);
    expect(splitTableRow('a |\tb')).toEqual(['a ', '\tb']);
    expect(splitTableRow('  |a|b|c|  ')).toEqual(['a', 'b', 'c']);
  });

  it('keeps an escaped pipe in its cell, escape and all', () => {
    expect(splitTableRow('| a \\| b | c |')).toEqual([' a \\| b ', ' c ']);
    expect(splitTableRow('| a | b \\|')).toEqual([' a ', ' b \\|']);
  });

  it('splits inside code spans, as GFM does', () => {
    expect(splitTableRow('| **Status** | `DRAFT | REVIEW` |')).toEqual([
      ' **Status** ',
      ' `DRAFT ',
      ' REVIEW` ',
    ]);
  });

  it('gives one cell for a line without pipes, and for an empty one', () => {
    expect(splitTableRow('text')).toEqual(['text']);
    expect(splitTableRow('')).toEqual(['']);
    expect(splitTableRow('|')).toEqual(['']);
  });
});
