import { Response } from 'express';

/**
 * Writes the chunks to the response as the client takes them, then ends it: the next chunk
 * is asked for only once the client has taken the last one, so that a slow client never
 * makes the server hold a whole export. A client that goes away ends the writing quietly
 * instead of as a server error.
 */
export async function writeChunks(
  res: Response,
  chunks: AsyncIterable<string>,
): Promise<void> {
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  // Resolves once the client takes more, or has gone; never rejects.
  const drained = () =>
    new Promise<void>(resolve => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  for await (const chunk of chunks) {
    if (closed) break;
    if (!res.write(chunk) && !closed) await drained();
  }
  res.end();
}
