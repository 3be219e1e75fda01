import { Response } from 'express';
import { EventEmitter } from 'node:events';
import { writeChunks } from './writeChunks';

/** A response whose client takes nothing until `take()`; `write` reports a full buffer. */
function slowResponse() {
  const written: string[] = [];
  const res = Object.assign(new EventEmitter(), {
    ended: false,
    write: (chunk: string) => {
      written.push(chunk);
      return false;
    },
    end: () => {
      res.ended = true;
    },
  });
  return { res, written, take: () => res.emit('drain') };
}

describe('writeChunks', () => {
  it('asks for the next chunk only once the client has taken the last one', async () => {
    const { res, written, take } = slowResponse();
    const pulled: number[] = [];
    async function* chunks() {
      for (const n of [1, 2, 3]) {
        pulled.push(n);
        yield `chunk ${n}`;
      }
    }
    const done = writeChunks(res as unknown as Response, chunks());
    await new Promise(resolve => setImmediate(resolve));
    expect(pulled).toEqual([1]);
    expect(written).toEqual(['chunk 1']);
    take();
    await new Promise(resolve => setImmediate(resolve));
    expect(pulled).toEqual([1, 2]);
    take();
    await new Promise(resolve => setImmediate(resolve));
    take();
    await done;
    expect(written).toEqual(['chunk 1', 'chunk 2', 'chunk 3']);
    expect(res.ended).toBe(true);
  });

  it('stops quietly when the client goes away, and ends the chunks', async () => {
    const { res, written } = slowResponse();
    let finished = false;
    async function* chunks() {
      try {
        yield 'first';
        yield 'second';
      } finally {
        finished = true;
      }
    }
    const done = writeChunks(res as unknown as Response, chunks());
    await new Promise(resolve => setImmediate(resolve));
    res.emit('close');
    await done;
    expect(written).toEqual(['first']);
    expect(finished).toBe(true);
    expect(res.ended).toBe(true);
  });
});
